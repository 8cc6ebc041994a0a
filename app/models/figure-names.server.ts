import type { DB } from "../../db/connection";
import { serializable } from "../../db/transactions";
import { isoNow, type Clock } from "./clock.server";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors.server";
import { figureKey, joinedFigureKey } from "./figure-key";
import type { WorkingLanguage } from "../i18n/working-languages";

/**
 * What a figure reported in a series is called in each working language.
 * People report a figure with a label and unit typed in their own language
 * ("items of information exchanged", "items"); the same figure is reported
 * again and again, so it is named once per language for the whole series,
 * not on each report. A reader whose language has no name for it reads the
 * label as typed, as with a series' name: it is a name, not a text that goes
 * stale against another.
 */

/** A figure as the charts and lists show it, named for one reader. */
export type Named<T> = T & { label: string; unit: string; labelLanguage: string | null };

/** The names the series gave its figures in `reader`'s language, by figure key: read beside the figures, not after them. */
export async function figureNamesFor(db: DB, seriesId: number, reader: string): Promise<Map<string, { label: string; unit: string }>> {
  const rows = await db
    .selectFrom("figure_names")
    .select(["label_key", "unit_key", "label", "unit"])
    .where("series_id", "=", seriesId)
    .where("language", "=", reader)
    .execute();
  return new Map(rows.map((row) => [joinedFigureKey(row.label_key, row.unit_key), { label: row.label, unit: row.unit }]));
}

/** Each figure's label and unit in the reader's language where the series named it so (figureNamesFor), else as reported. */
export function nameFigures<T extends { label: string; unit: string }>(figures: readonly T[], names: Map<string, { label: string; unit: string }>, reader: string): Named<T>[] {
  return figures.map((figure) => {
    const named = names.get(figureKey(figure.label, figure.unit).joined);
    return named ? { ...figure, label: named.label, unit: named.unit, labelLanguage: reader } : { ...figure, labelLanguage: null };
  });
}

/** Both at once, for a page that has its figures already. */
export async function namedFiguresFor<T extends { label: string; unit: string }>(db: DB, seriesId: number, figures: readonly T[], reader: string): Promise<Named<T>[]> {
  if (figures.length === 0) return [];
  return nameFigures(figures, await figureNamesFor(db, seriesId, reader), reader);
}

export interface ReportedFigure {
  /** As the latest report typed them. */
  label: string;
  unit: string;
  reports: number;
  /** Its names by language. */
  names: Partial<Record<WorkingLanguage, { label: string; unit: string }>>;
}

/** At most this many figures are offered for naming, the most reported first. */
export const FIGURES_TO_NAME = 100;

/** The figures reported in the series, the most reported first (at most `limit`), with the names each language has given them. */
export async function reportedFigures(db: DB, seriesId: number, limit = FIGURES_TO_NAME): Promise<ReportedFigure[]> {
  const [reports, named] = await Promise.all([
    db
      .selectFrom("follow_ups")
      .innerJoin("commitments", "commitments.id", "follow_ups.commitment_id")
      .select(["follow_ups.figure_label as label", "follow_ups.figure_unit as unit"])
      .where("commitments.series_id", "=", seriesId)
      .where("follow_ups.figure_label", "is not", null)
      .where("follow_ups.figure_value", "is not", null)
      .orderBy("follow_ups.at")
      .orderBy("follow_ups.id")
      .execute(),
    db.selectFrom("figure_names").select(["label_key", "unit_key", "language", "label", "unit"]).where("series_id", "=", seriesId).execute(),
  ]);
  const figures = new Map<string, ReportedFigure>();
  for (const report of reports) {
    const label = report.label?.trim() ?? "";
    if (!label) continue;
    const unit = report.unit?.trim() ?? "";
    const key = figureKey(label, unit).joined;
    const known = figures.get(key);
    figures.set(key, { label, unit, reports: (known?.reports ?? 0) + 1, names: known?.names ?? {} });
  }
  for (const row of named) {
    const figure = figures.get(joinedFigureKey(row.label_key, row.unit_key));
    if (figure) figure.names[row.language as WorkingLanguage] = { label: row.label, unit: row.unit };
  }
  return [...figures.values()].sort((a, b) => b.reports - a.reports || a.label.localeCompare(b.label)).slice(0, limit);
}

/**
 * Names a reported figure in each of `languages`: an empty label removes that
 * language's name. A figure nobody reported in the series is refused.
 */
export async function nameFigure(
  db: DB,
  clock: Clock,
  series: { id: number; slug: string },
  figure: { label: string; unit: string },
  languages: readonly WorkingLanguage[],
  names: Partial<Record<WorkingLanguage, { label: string; unit: string }>>,
  actor: { id: string; ip: string | null },
): Promise<void> {
  const key = figureKey(figure.label, figure.unit);
  if (!(await reportedFigures(db, series.id, Infinity)).some((f) => figureKey(f.label, f.unit).joined === key.joined)) throw new DomainError("figureUnknown");
  await serializable(db, async (trx) => {
    for (const language of languages) {
      const name = names[language];
      const where = trx
        .deleteFrom("figure_names")
        .where("series_id", "=", series.id)
        .where("label_key", "=", key.label)
        .where("unit_key", "=", key.unit)
        .where("language", "=", language);
      if (!name?.label) {
        await where.execute();
        continue;
      }
      const values = { label: name.label, unit: name.unit, updated_at: isoNow(clock), updated_by: actor.id };
      await trx
        .insertInto("figure_names")
        .values({ series_id: series.id, label_key: key.label, unit_key: key.unit, language, ...values })
        .onConflict((oc) => oc.columns(["series_id", "label_key", "unit_key", "language"]).doUpdateSet(values))
        .execute();
    }
    await recordAudit(trx, clock, { kind: "figure.named", subject: `series:${series.slug}`, actorId: actor.id, ip: actor.ip, detail: { figure, names } });
  });
}
