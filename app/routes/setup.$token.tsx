import { data, json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { startSessionAndRedirect } from "../http/guards.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { useT } from "../i18n/use-t";
import { setUpFirstAdmin } from "../commands/account-commands.server";
import { DomainError } from "../models/errors.server";
import { isOpenSetupToken } from "../models/first-admin.server";
import { emailField, fieldErrors, nameField, PASSWORD_MIN_LENGTH, passwordField } from "../validation/fields";

export const meta: MetaFunction = () => [{ title: "Accord" }, { name: "referrer", content: "no-referrer" }];

const schema = z
  .object({ name: nameField, email: emailField, password: passwordField, confirm: z.string().max(256) })
  .refine((v) => v.password === v.confirm, { message: "errors.passwordsDiffer", path: ["confirm"] });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const open = await isOpenSetupToken(context.db, context.clock, params.token ?? "");
  return data({ open }, { status: open ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

/** The first administrator of a fresh install, from the one-time link in the server log. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const user = await setUpFirstAdmin(context, context.clientIp, params.token ?? "", parsed.data);
    return await startSessionAndRedirect(context, user.id, "/admin");
  } catch (error) {
    if (error instanceof DomainError) return json({ errors: { form: "setup.invalid" } as Record<string, string> }, { status: 404 });
    throw error;
  }
}

export default function FirstAdministrator() {
  const { open } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="auth-page">
      <article className="auth-card">
        <h1>{t("setup.title")}</h1>
        {!open || errors.form ? (
          <FormMessage tone="error">{t("setup.invalid")}</FormMessage>
        ) : (
          <>
            <p>{t("setup.intro")}</p>
            <Form method="post">
              <Field label={t("setup.name")} name="name" autoComplete="name" required maxLength={200} error={errors.name} />
              <Field label={t("setup.email")} name="email" type="email" autoComplete="username" required maxLength={254} error={errors.email} />
              <Field label={t("setup.password")} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} error={errors.password} />
              <Field label={t("setup.confirm")} name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
              <button type="submit">{t("setup.submit")}</button>
            </Form>
          </>
        )}
      </article>
    </div>
  );
}
