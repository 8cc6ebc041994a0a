import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/field";
import { useT } from "../i18n/use-t";
import { stopMailByLink } from "../commands/account-commands.server";
import { findStopLink, type StopKind } from "../models/mail-stop.server";

// The link at the foot of a notification mail: stops that kind of mail for its
// recipient without signing in (decision 0035). Opening it only asks; the
// button (or a mail program's one-click POST, RFC 8058) does it.

export const meta: MetaFunction = () => [{ title: "Accord" }, { name: "referrer", content: "no-referrer" }];

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await findStopLink(context.db, context.clock, params.token ?? "");
  return data({ link: link ? { kind: link.kind, email: link.email } : null }, { status: link ? 200 : 404, headers: NO_STORE });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const stopped = await stopMailByLink(context, context.clientIp, params.token ?? "");
  if (!stopped) return data({ done: null }, { status: 404, headers: NO_STORE });
  return data({ done: { kind: stopped.kind as StopKind, email: stopped.email } }, { headers: NO_STORE });
}

export default function StopMail() {
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const done = result?.done ?? null;
  const kindLabel = (kind: StopKind) => t(`notify.admin.kinds.${kind}`);
  return (
    <div className="auth-page">
      <article className="auth-card">
        <h1>{t("notify.stop.title")}</h1>
        {done ? (
          <FormMessage tone="success">
            {done.kind === "digest" ? t("notify.stop.doneDigest", { email: done.email }) : t("notify.stop.done", { email: done.email, kind: kindLabel(done.kind) })}
          </FormMessage>
        ) : !link ? (
          <FormMessage tone="error">{t("notify.stop.invalid")}</FormMessage>
        ) : (
          <>
            <p>{link.kind === "digest" ? t("notify.stop.askDigest", { email: link.email }) : t("notify.stop.ask", { email: link.email, kind: kindLabel(link.kind) })}</p>
            <Form method="post">
              <button type="submit">{t("notify.stop.confirm")}</button>
            </Form>
          </>
        )}
        <p>
          <Link to="/notifications/settings">{t("notify.settingsLink")}</Link>
        </p>
      </article>
    </div>
  );
}
