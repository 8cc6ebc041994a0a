import { Form, NavLink } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { Locale } from "../i18n/locales";
import { LanguageSwitcher } from "./language-switcher";
import { NotificationsLink } from "./unread-count";

interface HeaderUser {
  name: string;
  email: string;
  isAdmin: boolean;
  /** Unread notifications when the page was loaded; the header then follows it (unread-count.tsx). */
  unread: number;
}

export function AppHeader({ user, locale }: { user: HeaderUser | null; locale: Locale }) {
  const t = useT();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <nav className="container" aria-label={t("app.mainNav")}>
        <ul>
          <li>
            <a href="/" className="brand">
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <strong>{t("app.name")}</strong>
            </a>
          </li>
        </ul>
        <ul className="app-nav">
          {user ? (
            <>
              <li>
                <NavLink to="/" end>
                  {t("nav.series")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/search">{t("nav.search")}</NavLink>
              </li>
              <li>
                <NavLink to="/my/commitments">{t("nav.myCommitments")}</NavLink>
              </li>
              <li>
                <NotificationsLink initial={user.unread} />
              </li>
              {user.isAdmin ? (
                <li>
                  <NavLink to="/admin">{t("nav.admin")}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/account" title={t("nav.signedInAs", { name: user.name })}>
                  {t("nav.account")}
                </NavLink>
              </li>
            </>
          ) : null}
          <li>
            <LanguageSwitcher locale={locale} />
          </li>
          {user ? (
            <li>
              <Form method="post" action="/logout">
                <button type="submit" className="secondary outline compact">
                  {t("nav.signOut")}
                </button>
              </Form>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
