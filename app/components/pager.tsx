import { Link, useLocation } from "@remix-run/react";
import { useT } from "../i18n/use-t";

export const PAGE_SIZE = 50;

/** One page of a list; `page` counts from 1 and is clamped to what exists. */
export function pageOf<T>(items: T[], page: number) {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE), page: current, pages, total: items.length };
}

/** Previous / next links that keep the other filters of the address. */
export function Pager({ page, pages, total }: { page: number; pages: number; total: number }) {
  const t = useT();
  const location = useLocation();
  if (pages <= 1) return null;
  const to = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(n));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      {page > 1 ? <Link to={to(page - 1)}>{t("pager.previous")}</Link> : <span />}
      <span className="muted">{t("pager.status", { page, pages, total })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("pager.next")}</Link> : <span />}
    </nav>
  );
}
