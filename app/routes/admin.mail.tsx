import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "../http/guards.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { getMailOverview, type MailRow } from "../models/notification-admin.server";

const STATUSES = ["pending", "sending", "sent", "failed", "digest", "digested", "none", "stale", "obsolete"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  return data(await getMailOverview(context.db), { headers: { "Cache-Control": "no-store" } });
}

function MailTable({ id, title, rows, empty }: { id: string; title: string; rows: MailRow[]; empty: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("notify.admin.recipient")}</th>
                <th scope="col">{t("notify.admin.kind")}</th>
                <th scope="col">{t("notify.admin.status")}</th>
                <th scope="col">{t("notify.admin.attempts")}</th>
                <th scope="col">{t("notify.admin.when")}</th>
                <th scope="col">{t("notify.admin.error")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.email}</td>
                  <td>{t(`notify.admin.kinds.${r.kind}`, { defaultValue: r.kind })}</td>
                  <td>{t(`notify.admin.statuses.${r.status}`)}</td>
                  <td>{r.attempts}</td>
                  <td>{formatDateTime(locale, r.sentAt ?? r.nextAt)}</td>
                  <td>{r.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Sent and failed notification mail, for administrators. */
export default function AdminMail() {
  const { counts, troubled, sent } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <hgroup className="page-title">
        <h2>{t("notify.admin.title")}</h2>
        <p>{t("notify.admin.intro")}</p>
      </hgroup>
      <dl className="mail-counts">
        {STATUSES.map((status) => (
          <div key={status}>
            <dt>{t(`notify.admin.statuses.${status}`)}</dt>
            <dd>{counts[status] ?? 0}</dd>
          </div>
        ))}
      </dl>
      <MailTable id="mail-troubled" title={t("notify.admin.troubled")} rows={troubled} empty={t("notify.admin.noTrouble")} />
      <MailTable id="mail-sent" title={t("notify.admin.sent")} rows={sent} empty={t("notify.admin.noneSent")} />
    </>
  );
}
