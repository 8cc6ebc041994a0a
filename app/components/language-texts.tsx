import type React from "react";
import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { languageName } from "../i18n/working-languages";
import { useConstraint } from "./form-replies";
import type { TextState } from "../models/parallel-text-rules";

export interface LanguageTextData {
  language: string;
  text: string;
  state: TextState;
  updatedAt: string | null;
}

/** Where the state of one language's text stands, in a word. */
function StateBadge({ state }: { state: TextState }) {
  const t = useT();
  switch (state.kind) {
    case "base":
      return <span className="badge">{t("texts.base")}</span>;
    case "current":
      return <span className="badge badge-in-line">{t("texts.inLine")}</span>;
    case "stale":
      return <span className="badge badge-stale">{t("texts.needsUpdate")}</span>;
    case "unconfirmed":
      return <span className="badge badge-stale">{t("texts.unconfirmed")}</span>;
    case "missing":
      return <span className="badge badge-missing">{t("texts.missing")}</span>;
  }
}

/**
 * One field of a command-owned thing (a commitment's text, a clause, a
 * conference title…) in every working language: the base text as it is, and
 * each other language's text with whether it is still in line with it. When
 * the base changed since a text was last confirmed, the words added to and
 * removed from the base are shown until someone edits that text or confirms
 * it "still correct".
 */
export function LanguageTexts({
  texts,
  field,
  label,
  canEdit,
  hidden = {},
  multiline = true,
  baseForm,
}: {
  texts: LanguageTextData[];
  field: "text" | "title" | "note" | "reason";
  /** "texts.textIn", "texts.titleIn", "texts.noteIn": the control's label for a language. */
  label: string;
  canEdit: boolean;
  /** Extra form fields naming the thing (e.g. a clause id). */
  hidden?: Record<string, string>;
  multiline?: boolean;
  /** Where the base text itself is edited (it lives in the thing's own column, with its own command). */
  baseForm?: React.ReactNode;
}) {
  const t = useT();
  // The text's limits, from the translation schema when the page's loader sent them.
  const limits = useConstraint("translation")?.text;
  const base = texts.find((entry) => entry.state.kind === "base");
  if (!base) return null;
  const baseName = languageName(base.language);
  return (
    <ul className="language-texts">
      {texts.map((entry) => {
        const name = languageName(entry.language);
        const controlLabel = t(label, { language: name });
        return (
          <li key={entry.language} className={`language-text is-${entry.state.kind}`}>
            <p className="language-text-head">
              <strong lang={entry.language}>{name}</strong> <StateBadge state={entry.state} />
            </p>
            {entry.state.kind === "stale" ? (
              <div className="redline" role="note" aria-label={t("texts.changesLabel", { language: name })}>
                <small className="muted">{t("texts.sourceChanged", { language: baseName })}</small>
                <p className="redline-text" lang={base.language}>
                  {entry.state.changes.map((part, i) =>
                    part.type === "insert" ? (
                      <ins key={i} title={t("texts.added")}>
                        {part.text}
                      </ins>
                    ) : part.type === "delete" ? (
                      <del key={i} title={t("texts.removed")}>
                        {part.text}
                      </del>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )}
                </p>
              </div>
            ) : null}
            {entry.state.kind === "base" && baseForm ? (
              baseForm
            ) : entry.state.kind === "base" || !canEdit ? (
              entry.text ? (
                <p lang={entry.language} className="language-text-body">
                  {entry.text}
                </p>
              ) : null
            ) : (
              <Form method="post" key={`${entry.language}:${entry.updatedAt ?? ""}:${base.text}`}>
                <input type="hidden" name="intent" value="translation" />
                <input type="hidden" name="field" value={field} />
                <input type="hidden" name="language" value={entry.language} />
                <input type="hidden" name="seenBase" value={base.text} />
                {Object.entries(hidden).map(([key, value]) => (
                  <input key={key} type="hidden" name={key} value={value} />
                ))}
                <label>
                  {controlLabel}
                  {multiline ? (
                    <textarea name="text" rows={3} defaultValue={entry.text} lang={entry.language} maxLength={limits?.maxLength} />
                  ) : (
                    <input name="text" defaultValue={entry.text} lang={entry.language} maxLength={limits?.maxLength} />
                  )}
                </label>
                <div className="page-actions">
                  <button type="submit" aria-label={t("texts.saveIn", { language: name })}>
                    {t("admin.save")}
                  </button>
                  {entry.state.kind === "stale" || entry.state.kind === "unconfirmed" ? (
                    <button type="submit" name="confirm" value="1" className="secondary outline" aria-label={t("texts.stillCorrectIn", { language: name })}>
                      {t("texts.stillCorrect")}
                    </button>
                  ) : null}
                </div>
              </Form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
