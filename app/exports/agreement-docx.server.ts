import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableRow, type ISectionOptions } from "docx";
import { formatDate } from "../i18n/format";
import { i18nFor } from "../i18n/i18n";
import { languageName } from "../i18n/working-languages";
import type { AgreementView } from "../models/agreements.server";
import { closingFormula } from "./closing-formula";
import { cell, columns, headingLocale, LANDSCAPE_WIDTH, PORTRAIT_WIDTH, run, textParagraphs, type RecordLayout } from "./record-docx.server";

/** An agreement with its title and clauses in every language there is (base included), and its series' authentic languages. */
export interface AgreementExport {
  agreement: Pick<AgreementView, "title" | "baseLanguage" | "signedOn" | "signedAt" | "validFrom" | "validUntil" | "parties" | "signatories" | "clauses">;
  /** The series' own name, and the name given for each language that has one. */
  seriesName: string;
  seriesNames?: Record<string, string>;
  titles: Record<string, string>;
  clauseTexts: Map<number, Record<string, string>>;
  authentic: string[];
}

/**
 * One language's version of an agreement in blocks that are the same for
 * every language (title and parties, each clause, the closing formula with
 * signing and signatories), so that side by side each row holds one block.
 */
function versionIn(data: AgreementExport, language: string): Paragraph[][] {
  const locale = headingLocale(language);
  const t = i18nFor(locale).t;
  const { agreement } = data;
  const missing = t("record.missingText", { language: languageName(language) });
  const title = data.titles[language];
  const blocks: Paragraph[][] = [
    [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [title ? run(title, language) : run(missing, language, { italics: true })] }),
      new Paragraph({ children: [run(data.seriesNames?.[language] ?? data.seriesName, language)] }),
      new Paragraph({ children: [run(`${t("agreement.parties")}: `, language, { bold: true }), run(agreement.parties.map((p) => `${p.code} — ${p.name}`).join("; "), language)] }),
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(t("agreement.clauses"), language)] }),
    ],
  ];
  for (const clause of agreement.clauses) {
    const text = data.clauseTexts.get(clause.id)?.[language];
    blocks.push([
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(t("agreement.clauseN", { clause: clause.label || clause.position }), language)] }),
      ...(text?.trim() ? textParagraphs(text, language) : [new Paragraph({ children: [run(missing, language, { italics: true })] })]),
    ]);
  }
  const out: Paragraph[] = [new Paragraph({ spacing: { before: 480 }, children: [run(closingFormula(language, data.authentic, "agreement"), language)] })];
  const signing = agreement.signedOn
    ? agreement.signedAt
      ? t("agreement.signedOnAt", { date: formatDate(locale, agreement.signedOn, "long"), place: agreement.signedAt })
      : t("agreement.signedOnOnly", { date: formatDate(locale, agreement.signedOn, "long") })
    : t("agreement.notSigned");
  out.push(new Paragraph({ spacing: { before: 240 }, children: [run(signing, language)] }));
  if (agreement.signatories.length) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(t("agreement.signatories"), language)] }));
    for (const s of agreement.signatories) {
      out.push(new Paragraph({ children: [run([s.name, s.title, s.agency?.code].filter(Boolean).join(" — "), language)] }));
    }
  }
  blocks.push(out);
  return blocks;
}

/** Rows of blocks: the n-th block of every language side by side. */
function zipBlocks(versions: Paragraph[][][]): Paragraph[][][] {
  return (versions[0] ?? []).map((_, index) => versions.map((blocks) => blocks[index] ?? []));
}

/**
 * An agreement (MoU) as a Word document: each authentic language's version
 * in turn, or side by side (landscape), each closed by the formula of equal
 * authenticity in its language.
 */
export async function agreementDocx(data: AgreementExport, layout: RecordLayout = "languages"): Promise<Buffer> {
  const languages = data.authentic.length ? data.authentic : [data.agreement.baseLanguage];
  const grid = columns(languages.length, languages.length > 1 ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH);
  const sections: ISectionOptions[] =
    layout === "side-by-side"
      ? [
          {
            properties: languages.length > 1 ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
            children: [
              new Table({
                ...grid,
                rows: [
                  new TableRow({
                    tableHeader: true,
                    children: languages.map((language) => cell([new Paragraph({ children: [run(languageName(language), language, { bold: true })] })], grid.columnWidths[0])),
                  }),
                  ...zipBlocks(languages.map((language) => versionIn(data, language))).map(
                    (row) => new TableRow({ children: row.map((block) => cell(block, grid.columnWidths[0])) }),
                  ),
                ],
              }),
            ],
          },
        ]
      : languages.map((language) => ({ children: versionIn(data, language).flat() }));
  return Packer.toBuffer(new Document({ creator: "Accord", title: data.agreement.title, sections }));
}
