import { formatDate, formatDateTime, useLocale } from "../i18n/format";
import type { Locale } from "../i18n/locales";
import { useT } from "../i18n/use-t";

/** One status event as the commitment page loads it (agency ids already turned into codes). */
export interface HistoryEntry {
  id: number;
  at: string;
  byName: string | null;
  kind: string;
  from: string | null;
  to: string | null;
  note: string | null;
  /** Why it was blocked or dropped (or a drop proposed). */
  reason?: string | null;
}

/** Events of the drop workflow, named in the workflow section of the catalogs. */
const WORKFLOW_EVENTS: Record<string, string> = { drop_requested: "workflow.dropRequestedEvent", drop_withdrawn: "workflow.dropWithdrawnEvent" };

type T = ReturnType<typeof useT>;

function value(kind: string, raw: string, t: T, locale: Locale): string {
  if (kind === "status") return t(`commitment.statuses.${raw}`);
  if (kind === "review") return t(`commitment.outcomes.${raw}`);
  if (kind === "due") {
    if (raw === "next") return t("commitment.dueNext");
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatDate(locale, raw);
  }
  return raw;
}

/**
 * An event as a sentence: "GACC confirmed its share", "Status changed from
 * Open to Done", never "— → HQLS". A kind this component does not know yet
 * falls back to its label, so a new event never shows as a raw key.
 */
export function historySentence(entry: Pick<HistoryEntry, "kind" | "from" | "to">, t: T, locale: Locale): string {
  const from = entry.from ? value(entry.kind, entry.from, t, locale) : null;
  const to = entry.to ? value(entry.kind, entry.to, t, locale) : null;
  switch (entry.kind) {
    case "created":
      return t("commitment.historyLine.created");
    case "status":
      return from ? t("commitment.historyLine.statusChanged", { from, to: to ?? "—" }) : t("commitment.historyLine.statusSet", { to: to ?? "—" });
    case "share_done":
      return t("commitment.historyLine.shareDone", { parties: to ?? "—" });
    case "share_reopened":
      return t("commitment.historyLine.shareReopened");
    case "owners":
      return from ? t("commitment.historyLine.ownersChanged", { from, to: to ?? "—" }) : t("commitment.historyLine.ownersSet", { to: to ?? "—" });
    case "due":
      if (!to) return t("commitment.historyLine.dueRemoved");
      return from ? t("commitment.historyLine.dueChanged", { from, to }) : t("commitment.historyLine.dueSet", { to });
    case "text":
      return t("commitment.historyLine.text");
    case "review":
      return t("commitment.historyLine.review", { outcome: to ?? "—" });
    default: {
      const label = t(WORKFLOW_EVENTS[entry.kind] ?? `commitment.events.${entry.kind}`, { defaultValue: "" });
      return [label || entry.kind, to].filter(Boolean).join(": ");
    }
  }
}

export function CommitmentHistory({ entries }: { entries: HistoryEntry[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ol className="timeline">
      {entries.map((h) => (
        <li key={h.id}>
          <small className="muted">
            {formatDateTime(locale, h.at)} · {h.byName ?? "—"}
          </small>
          <p>{historySentence(h, t, locale)}</p>
          {h.reason ? (
            <p>
              {t("workflow.reason")}: {h.reason}
            </p>
          ) : null}
          {h.note ? <p className="muted">{h.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
