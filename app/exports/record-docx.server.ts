import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Locale } from "../i18n/locales";
import { recordTexts, type RecordExport } from "./record.server";

function labelled(label: string, value: string, mono = false): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun({ text: value, font: mono ? "Consolas" : undefined })],
  });
}

function textParagraphs(text: string): Paragraph[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => new Paragraph({ text: line }));
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(text: string, header = false): TableCell {
  return new TableCell({
    borders,
    children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
  });
}

/** The adopted record as a Word document (Office Open XML), built with `docx`. */
export async function recordDocx(record: RecordExport, locale: Locale): Promise<Buffer> {
  const x = recordTexts(record, locale);
  const { t } = x;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: record.conference.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: record.seriesName }),
    labelled(t("conference.dates"), x.dates),
    labelled(t("conference.venue"), x.venue),
    ...(x.host ? [labelled(t("conference.host"), x.host)] : []),
    labelled(t("record.heading"), x.adopted),
    labelled(t("record.sha256"), record.sha256, true),
    new Paragraph({ text: t("record.agenda"), heading: HeadingLevel.HEADING_1 }),
  ];
  if (record.agenda.length === 0) children.push(new Paragraph({ text: t("workspace.agenda.empty") }));
  record.agenda.forEach((item, index) => {
    children.push(
      new Paragraph({ text: `${index + 1}. ${item.title || t("workspace.agenda.untitled")}`, heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ children: [new TextRun({ text: x.itemMeta(item), italics: true })] }),
    );
    if (item.notesText.trim()) {
      children.push(new Paragraph({ text: t("record.notes"), heading: HeadingLevel.HEADING_3 }), ...textParagraphs(item.notesText));
    }
    if (item.outcomeText.trim()) {
      children.push(new Paragraph({ text: t("record.outcome"), heading: HeadingLevel.HEADING_3 }), ...textParagraphs(item.outcomeText));
    }
  });

  children.push(new Paragraph({ text: t("record.actions"), heading: HeadingLevel.HEADING_1 }));
  const actions = record.actions.filter((a) => a.text.trim());
  if (actions.length === 0) {
    children.push(new Paragraph({ text: t("workspace.actions.empty") }));
  } else {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: ["#", t("commitment.text"), t("commitment.owners"), t("commitment.due")].map((h) => cell(h, true)),
          }),
          ...actions.map(
            (action, index) =>
              new TableRow({
                children: [cell(String(index + 1)), cell(action.text.trim()), cell(x.owners(action)), cell(x.due(action))],
              }),
          ),
        ],
      }),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: 400 },
      children: [new TextRun({ text: `${t("record.sha256")}: `, size: 16 }), new TextRun({ text: record.sha256, font: "Consolas", size: 16 })],
    }),
  );

  const document = new Document({
    creator: "Accord",
    title: record.conference.title,
    description: `${record.seriesName} — ${t("record.heading")}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
