import type { FieldMetadata } from "@conform-to/react";
import { useT } from "../i18n/use-t";
import { fieldProps } from "./schema-form";

/** A series' description: a few lines, limited by the schema its form is parsed with. */
export function DescriptionField({ field, fallback }: { field: FieldMetadata<unknown, Record<string, unknown>, string[]>; fallback?: string }) {
  const t = useT();
  const { error, name, maxLength, defaultValue } = fieldProps(field, fallback);
  return (
    <label>
      {t("admin.seriesDescription")}
      <textarea name={name} rows={3} maxLength={maxLength} defaultValue={defaultValue} aria-invalid={error ? true : undefined} />
      {error ? <small className="field-error">{t(error)}</small> : null}
    </label>
  );
}
