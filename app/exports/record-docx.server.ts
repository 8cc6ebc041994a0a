import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  type ISectionOptions,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { isLocale, type Locale } from "../i18n/locales";
import { languageName } from "../i18n/working-languages";
import { closingFormula } from "./closing-formula";
import { authenticOf, recordIn, type RecordIn } from "./record-languages";
import { recordTexts, seriesNameIn, type RecordExport } from "./record.server";

/** How the languages of a parallel record are laid out: one after another, or in columns side by side. */
export type RecordLayout = "languages" | "side-by-side";

/** The interface language headings are written in for a version in `language` (Lao: English, decision 0026). */
export function headingLocale(language: string): Locale {
  return isLocale(language) ? language : "en";
}

/** Word's language tags, so that spelling, line breaking and fonts follow each text's language. */
function runLanguage(language: string) {
  switch (language) {
    case "vi":
      return { value: "vi-VN" };
    case "zh":
      return { value: "zh-CN", eastAsia: "zh-CN" };
    case "lo":
      return { value: "lo-LA", bidirectional: "lo-LA" };
    default:
      return { value: "en-GB" };
  }
}

export function run(text: string, language: string, options: { bold?: boolean; italics?: boolean; size?: number; mono?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    bold: options.bold,
    italics: options.italics,
    size: options.size,
    font: options.mono ? "Consolas" : language === "lo" ? "Noto Sans Lao" : undefined,
    language: runLanguage(language),
  });
}

function labelled(label: string, value: string, language: string, mono = false): Paragraph {
  return new Paragraph({ children: [run(`${label}: `, language, { bold: true }), run(value, language, { mono })] });
}

export function textParagraphs(text: string, language: string): Paragraph[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => new Paragraph({ children: [run(line, language)] }));
}

// Page widths Word and LibreOffice lay tables out on: A4 (docx's default) less
// 1-inch margins, in twentieths of a point. Columns are given in these units,
// fixed, because a table's grid otherwise falls back to 100-twip columns that
// LibreOffice takes literally.
export const PORTRAIT_WIDTH = 11906 - 2 * 1440;
export const LANDSCAPE_WIDTH = 16838 - 2 * 1440;

/** Equal fixed columns across a page of `width`. */
export function columns(count: number, width: number) {
  const each = Math.floor(width / Math.max(count, 1));
  return { columnWidths: Array.from({ length: count }, () => each), layout: TableLayoutType.FIXED, width: { size: each * count, type: WidthType.DXA } } as const;
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

/** A bordered cell; `width` in twips when the table's columns are fixed. */
export function cell(children: Paragraph[], width?: number): TableCell {
  return new TableCell({ borders, children: children.length ? children : [new Paragraph("")], width: width ? { size: width, type: WidthType.DXA } : undefined });
}

function textCell(text: string, language: string, header = false): TableCell {
  return cell([new Paragraph({ children: [run(text, language, { bold: header })] })]);
}

/** A text the record lacks in this language, said so in that language's headings, in italics. */
function missing(view: RecordIn, record: RecordExport): string {
  const { t } = recordTexts(record, headingLocale(view.language));
  return t("record.missingText", { language: languageName(view.language) });
}

/** One language's version of the record, whole: facts, agenda, agreed actions, closing formula, fingerprint. */
function versionIn(record: RecordExport, view: RecordIn, authentic: string[]): (Paragraph | Table)[] {
  const language = view.language;
  const x = recordTexts(record, headingLocale(language));
  const { t } = x;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(view.title ?? record.conference.title, view.title ? language : record.languages.base)] }),
    new Paragraph({ children: [run(seriesNameIn(record, language).text, language)] }),
    labelled(t("conference.dates"), x.dates, language),
    labelled(t("conference.venue"), x.venue, language),
    ...(x.host ? [labelled(t("conference.host"), x.host, language)] : []),
    labelled(t("record.heading"), x.adopted, language),
    labelled(t("record.sha256"), record.sha256, language, true),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(t("record.agenda"), language)] }),
  ];
  if (view.agenda.length === 0) children.push(new Paragraph({ children: [run(t("workspace.agenda.empty"), language)] }));
  view.agenda.forEach((entry, index) => {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [run(`${index + 1}. `, language), entry.title ? run(entry.title, language) : run(missing(view, record), language, { italics: true })],
      }),
      new Paragraph({ children: [run(x.itemMeta(entry.item), language, { italics: true })] }),
    );
    if (entry.notesText.trim()) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [run(t("record.notes"), language)] }), ...textParagraphs(entry.notesText, language));
    }
    if (entry.outcomeText.trim()) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [run(t("record.outcome"), language)] }), ...textParagraphs(entry.outcomeText, language));
    }
  });

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(t("record.actions"), language)] }));
  if (view.actions.length === 0) {
    children.push(new Paragraph({ children: [run(t("workspace.actions.empty"), language)] }));
  } else {
    children.push(
      new Table({
        // Number, text, owners, due.
        columnWidths: [600, 4626, 2200, 1600],
        layout: TableLayoutType.FIXED,
        width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
        rows: [
          new TableRow({
            tableHeader: true,
            children: ["#", t("commitment.text"), t("commitment.owners"), t("commitment.due")].map((h) => textCell(h, language, true)),
          }),
          ...view.actions.map(
            ({ action, text }, index) =>
              new TableRow({
                children: [
                  textCell(String(index + 1), language),
                  text ? textCell(text.trim(), language) : cell([new Paragraph({ children: [run(missing(view, record), language, { italics: true })] })]),
                  textCell(x.owners(action), language),
                  textCell(x.due(action), language),
                ],
              }),
          ),
        ],
      }),
    );
  }
  children.push(new Paragraph({ spacing: { before: 480 }, children: [run(closingFormula(language, authentic), language)] }));
  return children;
}

/** Every authentic language in a column of its own, row by row, so that each item reads across in all of them. */
function sideBySide(record: RecordExport, views: RecordIn[], authentic: string[]): (Paragraph | Table)[] {
  const grid = columns(views.length, views.length > 1 ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH);
  const width = grid.columnWidths[0];
  const row = (cells: TableCell[], header = false) => new TableRow({ tableHeader: header, cantSplit: false, children: cells });
  const each = (make: (view: RecordIn, x: ReturnType<typeof recordTexts>) => Paragraph[]) =>
    views.map((view) => cell(make(view, recordTexts(record, headingLocale(view.language))), width));
  const rows: TableRow[] = [
    row(
      views.map((view) => cell([new Paragraph({ children: [run(languageName(view.language), view.language, { bold: true })] })], width)),
      true,
    ),
    row(
      each((view, x) => [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [view.title ? run(view.title, view.language) : run(missing(view, record), view.language, { italics: true })] }),
        new Paragraph({ children: [run(seriesNameIn(record, view.language).text, view.language)] }),
        labelled(x.t("conference.dates"), x.dates, view.language),
        labelled(x.t("conference.venue"), x.venue, view.language),
        ...(x.host ? [labelled(x.t("conference.host"), x.host, view.language)] : []),
        labelled(x.t("record.heading"), x.adopted, view.language),
      ]),
    ),
    row(each((view, x) => [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(x.t("record.agenda"), view.language)] })])),
  ];
  record.agenda.forEach((_, index) => {
    rows.push(
      row(
        each((view, x) => {
          const entry = view.agenda[index];
          return [
            new Paragraph({
              heading: HeadingLevel.HEADING_3,
              children: [run(`${index + 1}. `, view.language), entry.title ? run(entry.title, view.language) : run(missing(view, record), view.language, { italics: true })],
            }),
            new Paragraph({ children: [run(x.itemMeta(entry.item), view.language, { italics: true, size: 18 })] }),
            ...(entry.notesText.trim() ? [new Paragraph({ children: [run(x.t("record.notes"), view.language, { bold: true })] }), ...textParagraphs(entry.notesText, view.language)] : []),
            ...(entry.outcomeText.trim()
              ? [new Paragraph({ children: [run(x.t("record.outcome"), view.language, { bold: true })] }), ...textParagraphs(entry.outcomeText, view.language)]
              : []),
          ];
        }),
      ),
    );
  });
  const actionCount = views[0]?.actions.length ?? 0;
  if (actionCount > 0) {
    rows.push(row(each((view, x) => [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(x.t("record.actions"), view.language)] })])));
    for (let index = 0; index < actionCount; index++) {
      rows.push(
        row(
          each((view, x) => {
            const { action, text } = view.actions[index];
            return [
              new Paragraph({ children: [run(`${index + 1}. `, view.language, { bold: true }), text ? run(text.trim(), view.language) : run(missing(view, record), view.language, { italics: true })] }),
              new Paragraph({ children: [run(`${x.t("commitment.owners")}: ${x.owners(action)}`, view.language, { size: 18 })] }),
              new Paragraph({ children: [run(`${x.t("commitment.due")}: ${x.due(action)}`, view.language, { size: 18 })] }),
            ];
          }),
        ),
      );
    }
  }
  rows.push(row(views.map((view) => cell([new Paragraph({ children: [run(closingFormula(view.language, authentic), view.language)] })], width))));
  return [new Table({ ...grid, rows })];
}

/**
 * The adopted record as a Word document (Office Open XML): each authentic
 * language's version in turn, each on its own pages and closed by the formula
 * of equal authenticity in its language; or every authentic language side by
 * side in columns (landscape), closed by the formula in each.
 */
export async function recordDocx(record: RecordExport, locale: Locale, layout: RecordLayout = "languages"): Promise<Buffer> {
  const authentic = authenticOf(record);
  const views = authentic.map((language) => recordIn(record, language));
  const fingerprint = new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: { before: 400 },
    children: [run(`${recordTexts(record, locale).t("record.sha256")}: `, locale, { size: 16 }), run(record.sha256, locale, { size: 16, mono: true })],
  });
  const sections: ISectionOptions[] =
    layout === "side-by-side"
      ? [
          {
            properties: views.length > 1 ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
            children: [...sideBySide(record, views, authentic), fingerprint],
          },
        ]
      : views.map((view, index) => ({ children: [...versionIn(record, view, authentic), ...(index === views.length - 1 ? [fingerprint] : [])] }));
  const t = recordTexts(record, locale).t;
  const document = new Document({
    creator: "Accord",
    title: record.conference.title,
    description: `${record.seriesName} — ${t("record.heading")}`,
    sections,
  });
  return Packer.toBuffer(document);
}
