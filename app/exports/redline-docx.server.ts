import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type ParagraphChild } from "docx";
import type { AttributedPart, EntryChange } from "../collab/attributed-diff";
import { authorLabel, type RedlinePeople } from "../components/attributed-redline";
import { formatDateTime } from "../i18n/format";
import { i18nFor } from "../i18n/i18n";
import { LOCALE_NAMES, type Locale } from "../i18n/locales";

// A redline as a Word document with real tracked changes: each insertion a
// w:ins and each deletion a w:del, with the author as "Name (PARTY)" and the
// time it was stored, so that Word and LibreOffice list them in their review
// pane and a head of delegation can accept or reject them one by one. One
// document per working language: the texts in that language, and the fields
// that have none (owners, due).

export interface RedlineDocxInput {
  seriesName: string;
  conferenceTitle: string;
  /** The language whose texts it holds. */
  language: string;
  /** "From … to …", already written in the reader's language. */
  between: string;
  entries: EntryChange<number>[];
  who: RedlinePeople;
}

/** A fixed time for changes whose author is not recorded (edits stored before attribution). */
const UNKNOWN_DATE = "1970-01-01T00:00:00Z";

function changeRuns(parts: AttributedPart<number>[], who: RedlinePeople, unknownAuthor: string, nextId: () => number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let runs: ParagraphChild[] = [];
  const flush = () => {
    paragraphs.push(new Paragraph({ children: runs }));
    runs = [];
  };
  for (const part of parts) {
    const mark = part.by === undefined ? undefined : who.marks[part.by];
    const author = (mark && authorLabel(who.people[mark.userId])) || unknownAuthor;
    // Word dates are UTC without fractions of a second.
    const date = mark ? `${mark.at.slice(0, 19)}Z` : UNKNOWN_DATE;
    part.text.split("\n").forEach((line, i) => {
      if (i > 0) flush();
      if (!line) return;
      if (part.type === "equal") runs.push(new TextRun({ text: line }));
      else if (part.type === "insert") runs.push(new InsertedTextRun({ text: line, id: nextId(), author, date }));
      else runs.push(new DeletedTextRun({ text: line, id: nextId(), author, date }));
    });
  }
  flush();
  return paragraphs;
}

export async function redlineDocx(input: RedlineDocxInput, locale: Locale): Promise<Buffer> {
  const { t } = i18nFor(locale);
  let id = 0;
  const nextId = () => ++id;
  const unknownAuthor = t("redline.unknownAuthor");
  const languageName = LOCALE_NAMES[input.language as Locale] ?? input.language.toUpperCase();
  const children: Paragraph[] = [
    new Paragraph({ text: `${t("versions.compareTitle")} · ${input.conferenceTitle}`, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: input.seriesName }),
    new Paragraph({ children: [new TextRun({ text: `${t("redline.language")}: `, bold: true }), new TextRun({ text: languageName })] }),
    new Paragraph({ children: [new TextRun({ text: input.between, italics: true })] }),
  ];
  const entries = input.entries
    .map((entry) => ({ entry, fields: entry.fields.filter((f) => f.language === null || f.language === input.language) }))
    .filter(({ entry, fields }) => fields.some((f) => f.parts.some((p) => p.type !== "equal")) || entry.change !== "changed");
  if (entries.length === 0) children.push(new Paragraph({ text: t("versions.noChanges") }));
  for (const { entry, fields } of entries) {
    children.push(
      new Paragraph({
        text: `${t(entry.list === "agenda" ? "versions.agendaItem" : "versions.action", { number: entry.number })} (${t(`versions.changes.${entry.change}`)})`,
        heading: HeadingLevel.HEADING_2,
      }),
    );
    for (const field of fields) {
      if (entry.change === "changed" && !field.parts.some((p) => p.type !== "equal")) continue;
      children.push(new Paragraph({ children: [new TextRun({ text: t(`conclusion.leftovers.fields.${field.field}`), bold: true })] }));
      children.push(...changeRuns(field.parts, input.who, unknownAuthor, nextId));
    }
  }
  const people = Object.values(input.who.people);
  if (people.length > 0) {
    children.push(new Paragraph({ text: t("redline.authors"), heading: HeadingLevel.HEADING_2 }));
    for (const person of people) children.push(new Paragraph({ text: authorLabel(person), bullet: { level: 0 } }));
  }
  const doc = new Document({
    creator: "Accord",
    title: `${t("versions.compareTitle")} · ${input.conferenceTitle}`,
    description: `${input.between} ${formatDateTime(locale, new Date())}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
