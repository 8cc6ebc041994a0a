import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { safeRedirectPath } from "../redirect-target";
import { attemptSignin } from "../models/signin.server";

export const meta: MetaFunction = () => [{ title: "Accord" }];

// Remix passes only Set-Cookie from an action to the page it renders; other headers must be carried here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const schema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  redirectTo: z.string().optional(),
});

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) return redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: "login.invalid" as const, waitMinutes: 0 }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const result = await attemptSignin(context.db, context.clock, { email, password, ip: context.clientIp });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
    return json(
      { error: "login.throttled" as const, waitMinutes: minutes },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return json({ error: "login.invalid" as const, waitMinutes: 0 }, { status: 401 });
  // Worked out before the old session ends, so that nothing after that point can fail.
  const target = safeRedirectPath(redirectTo);
  return startSessionAndRedirect(context, result.userId, target);
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <div className="auth-page">
      <article className="auth-card">
        <header>
          <h1>{t("login.title")}</h1>
          <p className="muted">{t("login.intro")}</p>
        </header>
        {data?.error ? (
          <FormMessage tone="error">
            {data.error === "login.throttled" ? t("signinThrottle.wait", { count: data.waitMinutes }) : t(data.error)}
          </FormMessage>
        ) : null}
        {!data?.error && params.get("signedOut") === "1" ? <FormMessage tone="success">{t("login.signedOut")}</FormMessage> : null}
        <Form method="post" replace>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Field label={t("login.email")} name="email" type="email" autoComplete="username" required autoFocus />
          <Field label={t("login.password")} name="password" type="password" autoComplete="current-password" required />
          <button type="submit" aria-busy={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
      </article>
    </div>
  );
}
