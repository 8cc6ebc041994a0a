import { useTranslation } from "react-i18next";

export function RoleBadge({ role }: { role: "secretariat" | "delegate" | "observer" | "admin" | null }) {
  const { t } = useTranslation();
  if (!role) return <span className="muted">{t("roles.none")}</span>;
  return <span className={`badge badge-${role}`}>{t(`roles.${role}`)}</span>;
}
