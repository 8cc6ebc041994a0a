import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "../i18n/use-t";
import { SERIES_ROLES } from "../validation/limits";
import { FormErrors, savedMessage, useSchemaForm } from "./schema-form";
import { SelectField } from "./select-field";

interface GrantUser {
  id: string;
  name: string;
  email: string;
  agencyId: number | null;
}

/**
 * Grants a person a role in a series. "On behalf of" follows the person
 * chosen: it selects their own agency when that agency is a party. Without
 * JavaScript the empty choice means the same, resolved by the server.
 */
export function GrantForm({
  users,
  parties,
  constraint,
  reply,
}: {
  users: GrantUser[];
  parties: { id: number; code: string; name: string }[];
  constraint?: Parameters<typeof useSchemaForm>[1]["constraint"];
  reply: unknown;
}) {
  const t = useT();
  const [form, fields] = useSchemaForm("grant", { constraint, reply });
  const errorOf = (name: string) => fields[name].errors?.[0];
  const [agencyId, setAgencyId] = useState("");
  // The form starts afresh after a grant; "on behalf of" is held here, so it is cleared here too.
  const granted = savedMessage(reply, "grant") ? reply : null;
  useEffect(() => {
    if (granted) setAgencyId("");
  }, [granted]);
  const choosePerson = (userId: string) => {
    const own = users.find((u) => u.id === userId)?.agencyId ?? null;
    setAgencyId(own !== null && parties.some((p) => p.id === own) ? String(own) : "");
  };
  return (
    <Form method="post" className="inline-form" aria-label={t("admin.grant")} {...getFormProps(form)}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="grant" />
      <SelectField wide label={t("admin.person")} name="userId" required defaultValue="" onChange={(e) => choosePerson(e.target.value)} error={errorOf("userId")}>
        <option value="" disabled>
          —
        </option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      <SelectField wide label={t("admin.onBehalfOf")} name="agencyId" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} error={errorOf("agencyId") ?? errorOf("agency")}>
        <option value="">{t("admin.ownAgency")}</option>
        {parties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} — {p.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("series.role")} name="role" required defaultValue="delegate" error={errorOf("role")}>
        {SERIES_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-buttons">
        <button type="submit">{t("admin.grant")}</button>
      </div>
    </Form>
  );
}
