import { useId } from "react";
import { useT } from "../i18n/use-t";

type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement>;

export function SelectField({
  label,
  error,
  children,
  wide = false,
  ...select
}: SelectProps & { label: string; error?: string; children: React.ReactNode; /** Options are long names: take the whole row. */ wide?: boolean }) {
  const t = useT();
  const id = useId();
  return (
    <label htmlFor={id} className={wide ? "field-wide" : undefined}>
      {label}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {children}
      </select>
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {t(error)}
        </small>
      ) : null}
    </label>
  );
}
