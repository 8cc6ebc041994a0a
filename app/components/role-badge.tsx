import { useT } from "../i18n/use-t";

export function RoleBadge({ role }: { role: "secretariat" | "delegate" | "observer" | "admin" | null }) {
  const t = useT();
  if (!role) return <span className="muted">{t("roles.none")}</span>;
  return <span className={`badge badge-${role}`}>{t(`roles.${role}`)}</span>;
}
