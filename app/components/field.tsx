import { useId } from "react";
import { useT } from "../i18n/use-t";

type InputProps = React.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with its error read out by screen readers. */
export function Field({ label, error, help, ...input }: InputProps & { label: string; error?: string; help?: string }) {
  const t = useT();
  const generated = useId();
  // A form drawn once and reused on every card (server-markup.tsx) names its own ids.
  const id = input.id ?? generated;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const described = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <label htmlFor={id}>
      {label}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...input}
      />
      {help ? <small id={helpId}>{help}</small> : null}
      {error ? (
        <small id={errorId} className="field-error">
          {t(error)}
        </small>
      ) : null}
    </label>
  );
}

export function FormMessage({ tone, children }: { tone: "success" | "error"; children: React.ReactNode }) {
  return (
    <p className={`form-message ${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}
