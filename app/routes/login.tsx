import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { Field, FormMessage } from "../components/field";
import { fieldProps, useSchemaForm } from "../components/schema-form";
import { parseForm, refused, refusedWith, type FormReply } from "../http/form-reply.server";
import { constraintsOf } from "../validation/constraint.server";
import { signinSchema } from "../validation/signin";
import { safeRedirectPath } from "../redirect-target";
import { attemptSignin } from "../models/signin.server";

export const meta: MetaFunction = () => [{ title: "Accord" }];

// Remix passes only Set-Cookie from an action to the page it renders; other headers must be carried here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) return redirect("/");
  return { constraint: constraintsOf({ login: signinSchema }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), signinSchema);
  const hideFields = ["password"];
  if (submission.status !== "success") return refused("login", submission, { hideFields });
  const { email, password, redirectTo } = submission.value;
  const result = await attemptSignin(context.db, context.clock, { email, password, ip: context.clientIp });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
    return data<FormReply & { waitMinutes: number }>(
      { form: "login", ...submission.reply({ formErrors: ["signinThrottle.wait"], hideFields }), waitMinutes: minutes },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return refusedWith("login", submission, "login.invalid", { status: 401, hideFields });
  // Worked out before the old session ends, so that nothing after that point can fail.
  const target = safeRedirectPath(redirectTo);
  return startSessionAndRedirect(context, result.userId, target);
}

export default function Login() {
  const t = useT();
  const { constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useSchemaForm("login", { constraint: constraint.login, reply });
  const formError = form.errors?.[0];
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <div className="auth-page">
      <article className="auth-card">
        <header>
          <h1>{t("login.title")}</h1>
          <p className="muted">{t("login.intro")}</p>
        </header>
        {formError ? (
          <FormMessage tone="error">{t(formError, { count: reply && "waitMinutes" in reply ? Number(reply.waitMinutes) : 0 })}</FormMessage>
        ) : null}
        {!reply && params.get("signedOut") === "1" ? <FormMessage tone="success">{t("login.signedOut")}</FormMessage> : null}
        <Form method="post" replace {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Field label={t("login.email")} type="email" autoComplete="username" autoFocus {...fieldProps(fields.email)} />
          <Field label={t("login.password")} type="password" autoComplete="current-password" {...fieldProps(fields.password)} />
          <button type="submit" aria-busy={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
      </article>
    </div>
  );
}
