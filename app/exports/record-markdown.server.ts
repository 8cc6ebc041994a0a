import { isLocale } from "../i18n/locales";
import { languageName } from "../i18n/working-languages";
import { closingFormula } from "./closing-formula";
import { authenticOf, recordIn } from "./record-languages";
import { recordTexts, seriesNameIn, type RecordExport } from "./record.server";

/** Text typed by users, with what Markdown would read as formatting escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    // Block markers at the start of a line: headings, list items, thematic breaks.
    .replace(/^(\s*)([#+=-])/gm, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/gm, "$1\\$2");
}

/** Lines of a multi-line text as Markdown paragraphs. */
function paragraphs(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `${escapeMarkdown(line)}\n`);
}

/** The language a Markdown record is written in: the one asked for if the record has it, else the reader's, else its base. */
export function markdownLanguage(record: RecordExport, asked: string | null, reader: string): string {
  const has = (code: string | null): code is string => code !== null && (code === record.languages.base || record.languages.working.includes(code));
  return has(asked) ? asked : has(reader) ? reader : record.languages.base;
}

/**
 * The adopted record as CommonMark in one of its languages: headings in that
 * language (English for Lao, decision 0026), the agenda with notes and
 * outcomes, the agreed actions, the closing formula when the language is
 * authentic, the SHA-256.
 */
export function recordMarkdown(record: RecordExport, language: string = record.languages.base): string {
  const x = recordTexts(record, isLocale(language) ? language : "en");
  const { t } = x;
  const view = recordIn(record, language);
  const lacking = `*${escapeMarkdown(t("record.missingText", { language: languageName(language) }))}*`;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(view.title ?? record.conference.title)}\n`);
  out.push(`${escapeMarkdown(seriesNameIn(record, language).text)}\n`);
  out.push(
    [
      `- **${t("conference.dates")}:** ${x.dates}`,
      `- **${t("conference.venue")}:** ${escapeMarkdown(x.venue)}`,
      ...(x.host ? [`- **${t("conference.host")}:** ${escapeMarkdown(x.host)}`] : []),
      `- **${t("record.heading")}:** ${escapeMarkdown(x.adopted)}`,
      `- **${t("record.sha256")}:** \`${record.sha256}\``,
    ].join("\n") + "\n",
  );

  out.push(`## ${t("record.agenda")}\n`);
  if (view.agenda.length === 0) out.push(`${t("workspace.agenda.empty")}\n`);
  view.agenda.forEach((entry, index) => {
    out.push(`### ${index + 1}\\. ${entry.title ? escapeMarkdown(entry.title) : lacking}\n`);
    out.push(`*${escapeMarkdown(x.itemMeta(entry.item))}*\n`);
    if (entry.notesText.trim()) out.push(`**${t("record.notes")}**\n`, ...paragraphs(entry.notesText));
    if (entry.outcomeText.trim()) out.push(`**${t("record.outcome")}**\n`, ...paragraphs(entry.outcomeText));
  });

  out.push(`## ${t("record.actions")}\n`);
  if (view.actions.length === 0) out.push(`${t("workspace.actions.empty")}\n`);
  view.actions.forEach(({ action, text }, index) => {
    out.push(
      [
        `${index + 1}. ${text ? escapeMarkdown(text.trim().replace(/\s*\n\s*/g, " ")) : lacking}`,
        `   - ${t("commitment.owners")}: ${escapeMarkdown(x.owners(action))}`,
        `   - ${t("commitment.due")}: ${escapeMarkdown(x.due(action))}`,
      ].join("\n") + "\n",
    );
  });
  const authentic = authenticOf(record);
  if (authentic.includes(language)) out.push(`${escapeMarkdown(closingFormula(language, authentic))}\n`);
  return out.join("\n");
}
