import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireAdmin } from "../http/guards.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { getAdminOverview } from "../models/admin-overview.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  return await getAdminOverview(context.db);
}

export default function AdminOverview() {
  const overview = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <hgroup className="page-title">
        <h2>{t("admin.overview")}</h2>
        <p>{t("admin.counts", overview)}</p>
      </hgroup>
      <section aria-labelledby="audit-heading">
        <h3 id="audit-heading">{t("admin.auditTitle")}</h3>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.auditAt")}</th>
                <th scope="col">{t("admin.auditKind")}</th>
                <th scope="col">{t("admin.auditSubject")}</th>
                <th scope="col">{t("admin.auditIp")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(locale, e.at)}</td>
                  <td>
                    <code>{e.kind}</code>
                  </td>
                  <td>{e.subject}</td>
                  <td>{e.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
