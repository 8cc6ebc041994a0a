import { type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireAdmin } from "../http/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  return {};
}

export default function AdminLayout() {
  const t = useT();
  return (
    <>
      <h1 className="visually-hidden">{t("admin.title")}</h1>
      <nav className="subnav" aria-label={t("admin.title")}>
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t("admin.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/agencies">{t("admin.agencies")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/users">{t("admin.users")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/series">{t("admin.series")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/mail">{t("notify.admin.nav")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
