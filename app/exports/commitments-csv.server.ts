import { stringify } from "csv-stringify/sync";
import type { TFunction } from "../i18n/i18n";
import { languageName } from "../i18n/working-languages";
import type { CommitmentView } from "../models/commitments.server";
import type { ShownLanguage } from "../models/parallel-text-rules";

/** A commitment as the reader is shown it: `shown` says which language its text is in when not the reader's own. */
export type CsvCommitment = Pick<CommitmentView, "id" | "text" | "owners" | "status" | "dueOn" | "dueNext" | "agreedAt" | "carriedOver" | "overdue"> & {
  shown?: ShownLanguage;
  lastFollowUp: { at: string; note: string; shown?: ShownLanguage } | null;
};

/** The language a text is shown in, with a note when it is not the reader's ("Tiếng Việt (no 中文 text yet)"). */
function languageCell(shown: ShownLanguage | undefined, t: TFunction): string {
  if (!shown) return "";
  const name = languageName(shown.language);
  return shown.wanted ? t("texts.csvFallback", { shown: name, wanted: languageName(shown.wanted) }) : name;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or
 * carriage return) is written with a leading apostrophe, so that text typed by
 * a user can never become a formula in the reader's Excel.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One row per commitment, headers in the reader's language. UTF-8 with a byte
 * order mark and CRLF line ends, so Excel opens Vietnamese and Chinese text
 * correctly by double-click.
 *
 * Dates stay ISO (2027-03-01) here although people read this file: a
 * spreadsheet recognises ISO dates as dates in every locale (so they sort and
 * filter) and shows them in the reader's own format, whereas "1 thg 3, 2027"
 * or "2027年3月1日" would be text that sorts alphabetically. The pages, the
 * record and its exports write dates the reader's way (format.ts).
 */
export function commitmentsCsv(commitments: CsvCommitment[], t: TFunction): string {
  const header = [
    t("exports.columns.id"),
    t("exports.columns.text"),
    t("exports.columns.textLanguage"),
    t("exports.columns.owners"),
    t("exports.columns.status"),
    t("exports.columns.due"),
    t("exports.columns.agreedAt"),
    t("exports.columns.carriedOver"),
    t("exports.columns.overdue"),
    t("exports.columns.lastFollowUpOn"),
    t("exports.columns.lastFollowUp"),
    t("exports.columns.lastFollowUpLanguage"),
  ];
  const rows = commitments.map((c) => [
    c.id,
    neutraliseFormula(c.text),
    languageCell(c.shown, t),
    c.owners.map((o) => o.code).join("; "),
    t(`commitment.statuses.${c.status}`),
    // A due date should be a date, but it came from a co-edited draft once: treated as text like the rest.
    c.dueNext ? t("commitment.dueNext") : neutraliseFormula(c.dueOn ?? ""),
    c.agreedAt.number,
    c.carriedOver,
    c.overdue ? t("common.yes") : t("common.no"),
    c.lastFollowUp ? c.lastFollowUp.at.slice(0, 10) : "",
    c.lastFollowUp ? neutraliseFormula(c.lastFollowUp.note) : "",
    languageCell(c.lastFollowUp?.shown, t),
  ]);
  return stringify([header, ...rows], { bom: true, record_delimiter: "windows", quoted_string: false });
}
