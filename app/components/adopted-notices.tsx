import { Link } from "@remix-run/react";
import { useState } from "react";
import { leftoversAsText, type Leftover, type LeftoverKey } from "../collab/leftover-changes";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { ConfirmDialog } from "./confirm-dialog";
import type { ShownLanguage } from "../models/parallel-text-rules";
import { FallbackMarker } from "./shown-text";

/** A concluded conference says so once: when, by whom, the record, and what it agreed. */
export function ConcludedPanel({
  adoptedAt,
  adoptedBy,
  recordHref,
  commitments,
}: {
  adoptedAt: string | null;
  adoptedBy: string | null;
  recordHref: string;
  commitments: { rows: { id: number; text: string; shown?: ShownLanguage }[]; total: number };
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="concluded-panel" aria-labelledby="concluded-heading">
      <h2 id="concluded-heading">{t("conclusion.concludedHeading")}</h2>
      {adoptedAt ? <p className="concluded-adopted">{t("record.adopted", { at: formatDateTime(locale, adoptedAt), by: adoptedBy ?? "—" })}</p> : null}
      <p>{t("conclusion.concludedBody")}</p>
      <p>
        <Link to={recordHref} role="button" className="compact">
          {t("record.view")}
        </Link>
      </p>
      {commitments.total > 0 ? (
        <>
          <h3>{t("conclusion.createdCommitments", { count: commitments.total })}</h3>
          <ul className="concluded-commitments">
            {commitments.rows.map((c) => (
              <li key={c.id}>
                <Link to={`/commitments/${c.id}`} lang={c.shown?.language}>
                  {c.text}
                </Link>
                {c.shown?.wanted ? " " : null}
                <FallbackMarker shown={c.shown} />
              </li>
            ))}
          </ul>
          {commitments.total > commitments.rows.length ? (
            <p className="muted">{t("conclusion.moreCommitments", { count: commitments.total - commitments.rows.length })}</p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("conclusion.noCommitmentsCreated")}</p>
      )}
    </section>
  );
}

function copy(text: string): Promise<boolean> {
  return navigator.clipboard?.writeText(text).then(() => true, () => false) ?? Promise.resolve(false);
}

/**
 * Edits this device kept that the adopted record does not have. They are
 * shown as text to copy (into a follow-up, a private note, the next
 * conference) and stay on the device until the person removes them.
 */
export function LeftoverChanges({ leftovers, onDiscard }: { leftovers: Leftover[]; onDiscard: () => Promise<void> }) {
  const t = useT();
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const fieldName = (key: LeftoverKey) => {
    const [field, language] = key.split("@");
    const name = t(`conclusion.leftovers.fields.${field}`);
    return language ? `${name} (${t(`parallel.languages.${language}`)})` : name;
  };
  const describe = (leftover: Leftover, field?: LeftoverKey) => {
    const entry =
      leftover.list === "agenda"
        ? leftover.number !== null
          ? t("conclusion.leftovers.agendaItem", { number: leftover.number, title: leftover.label })
          : t("conclusion.leftovers.newAgendaItem", { title: leftover.label })
        : leftover.number !== null
          ? t("conclusion.leftovers.action", { number: leftover.number, text: leftover.label })
          : t("conclusion.leftovers.newAction", { text: leftover.label });
    if (leftover.change === "removed") return t("conclusion.leftovers.removed", { entry });
    return field ? `${entry} · ${fieldName(field)}` : entry;
  };
  const onCopy = async (key: string, text: string) => {
    if (await copy(text)) setCopied(key);
  };
  return (
    <section className="leftovers" role="alert" aria-labelledby="leftovers-heading">
      <h2 id="leftovers-heading">{t("conclusion.leftovers.heading")}</h2>
      <p>{t("conclusion.leftovers.body")}</p>
      <ul className="leftover-list">
        {leftovers.map((leftover) => (
          <li key={`${leftover.list}:${leftover.id}`}>
            {leftover.fields.length === 0 ? (
              <p className="leftover-label">{describe(leftover)}</p>
            ) : (
              leftover.fields.map((f) => {
                const key = `${leftover.list}:${leftover.id}:${f.field}`;
                const label = describe(leftover, f.field);
                return (
                  <div key={key} className="leftover-field">
                    <label htmlFor={key} className="leftover-label">
                      {label}
                    </label>
                    <textarea id={key} readOnly rows={Math.min(6, Math.max(2, f.text.split("\n").length))} value={f.text} />
                    <button
                      type="button"
                      className="secondary outline compact"
                      aria-label={t("conclusion.leftovers.copyWhat", { what: label })}
                      onClick={() => void onCopy(key, f.text)}
                    >
                      {copied === key ? t("conclusion.leftovers.copied") : t("conclusion.leftovers.copy")}
                    </button>
                  </div>
                );
              })
            )}
          </li>
        ))}
      </ul>
      <div className="page-actions">
        <button type="button" className="secondary compact" onClick={() => void onCopy("all", leftoversAsText(leftovers, describe))}>
          {copied === "all" ? t("conclusion.leftovers.copied") : t("conclusion.leftovers.copyAll")}
        </button>
        <button type="button" className="secondary outline compact danger-outline" onClick={() => setConfirming(true)}>
          {t("conclusion.leftovers.discard")}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("conclusion.leftovers.discardTitle")}
        message={t("conclusion.leftovers.discardBody")}
        confirmLabel={t("conclusion.leftovers.discard")}
        onConfirm={() => {
          setConfirming(false);
          void onDiscard();
        }}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
