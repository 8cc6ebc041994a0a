import type { Locale } from "../i18n/locales";
import { recordTexts, type RecordExport } from "./record.server";

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

/** The adopted record as CommonMark: headings, the agenda with notes and outcomes, the agreed actions, the SHA-256. */
export function recordMarkdown(record: RecordExport, locale: Locale): string {
  const x = recordTexts(record, locale);
  const { t } = x;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(record.conference.title)}\n`);
  out.push(`${escapeMarkdown(record.seriesName)}\n`);
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
  if (record.agenda.length === 0) out.push(`${t("workspace.agenda.empty")}\n`);
  record.agenda.forEach((item, index) => {
    out.push(`### ${index + 1}\\. ${escapeMarkdown(item.title || t("workspace.agenda.untitled"))}\n`);
    out.push(`*${escapeMarkdown(x.itemMeta(item))}*\n`);
    if (item.notesText.trim()) out.push(`**${t("record.notes")}**\n`, ...paragraphs(item.notesText));
    if (item.outcomeText.trim()) out.push(`**${t("record.outcome")}**\n`, ...paragraphs(item.outcomeText));
  });

  out.push(`## ${t("record.actions")}\n`);
  const actions = record.actions.filter((a) => a.text.trim());
  if (actions.length === 0) out.push(`${t("workspace.actions.empty")}\n`);
  actions.forEach((action, index) => {
    out.push(
      [
        `${index + 1}. ${escapeMarkdown(action.text.trim().replace(/\s*\n\s*/g, " "))}`,
        `   - ${t("commitment.owners")}: ${escapeMarkdown(x.owners(action))}`,
        `   - ${t("commitment.due")}: ${escapeMarkdown(x.due(action))}`,
      ].join("\n") + "\n",
    );
  });
  return out.join("\n");
}
