import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "../i18n/i18n";
import type { AgendaItemView, DraftActionView } from "../collab/conference-doc";
import { endTime } from "../components/agenda-view";
import { requireConference } from "../http/conference-access.server";
import { formatDate, formatDateTime, formatDueDate } from "../i18n/format";
import { i18nFor } from "../i18n/i18n";
import type { Locale } from "../i18n/locales";
import { getAdoptedRecord } from "../models/conference-lifecycle.server";
import { getSeriesParties } from "../models/series.server";
import { seriesNamesIn } from "../models/series-names.server";
import { textsInEveryLanguage } from "../models/parallel-texts.server";

/** The adopted record of a concluded conference, as both exports write it. */
export interface RecordExport {
  /** The series' own name, and the name given for each language that has one (series-names.server.ts). */
  seriesName: string;
  seriesNames?: Record<string, string>;
  conference: {
    number: number;
    title: string;
    /** The title in the conference's other languages (text_translations), by language. */
    titles?: Record<string, string>;
    startsOn: string;
    endsOn: string;
    venue: string;
    format: "in_person" | "online" | "hybrid";
    host: { code: string; name: string } | null;
  };
  adoptedAt: string;
  adoptedBy: string | null;
  sha256: string;
  agenda: AgendaItemView[];
  actions: DraftActionView[];
  /**
   * Languages of a parallel record (issue 12): the base language of the
   * unsuffixed texts, every working language in the series' order, and the
   * authentic ones. A record adopted before parallel texts has only its base.
   */
  languages: { base: string; working: string[]; authentic: string[] };
  parties: { code: string; name: string }[];
}

/**
 * The record of a conference of a series the user may see; 404 when the
 * conference is not concluded or has no adopted record.
 */
export async function loadRecordExport(
  context: AppLoadContext,
  request: Request,
  params: { slug?: string; number?: string },
): Promise<{ record: RecordExport; slug: string }> {
  const { series, conference } = await requireConference(context, request, params);
  const adopted = conference.status === "concluded" ? await getAdoptedRecord(context.db, conference.id) : undefined;
  if (!adopted) throw new Response("Not Found", { status: 404 });
  const [parties, seriesNames] = await Promise.all([getSeriesParties(context.db, series.id), seriesNamesIn(context.db, [series.id])]);
  const content = JSON.parse(adopted.contentJson) as {
    agenda?: AgendaItemView[];
    actions?: DraftActionView[];
    languages?: RecordExport["languages"];
  };
  const host = parties.find((p) => p.id === conference.hostAgencyId);
  const titles = (await textsInEveryLanguage(context.db, "conference", [{ id: conference.id, baseLanguage: conference.baseLanguage, text: conference.title }], "title")).get(conference.id);
  return {
    slug: series.slug,
    record: {
      seriesName: series.ownName,
      seriesNames: seriesNames.get(series.id) ?? {},
      conference: {
        number: conference.number,
        title: conference.title,
        titles,
        startsOn: conference.startsOn,
        endsOn: conference.endsOn,
        venue: conference.venue,
        format: conference.format,
        host: host ? { code: host.code, name: host.name } : null,
      },
      adoptedAt: adopted.adoptedAt,
      adoptedBy: adopted.adoptedBy,
      sha256: adopted.sha256,
      agenda: content.agenda ?? [],
      actions: content.actions ?? [],
      languages: content.languages ?? { base: conference.baseLanguage, working: [conference.baseLanguage], authentic: [conference.baseLanguage] },
      parties: parties.map((p) => ({ code: p.code, name: p.name })),
    },
  };
}

/** The words and dates both writers use, in the reader's language. */
export function recordTexts(record: RecordExport, locale: Locale) {
  const t: TFunction = i18nFor(locale).t;
  const { conference } = record;
  const partyName = (code: string) => record.parties.find((p) => p.code === code)?.name ?? code;
  const dates =
    conference.startsOn === conference.endsOn
      ? formatDate(locale, conference.startsOn, "long")
      : `${formatDate(locale, conference.startsOn, "long")} – ${formatDate(locale, conference.endsOn, "long")}`;
  return {
    t,
    dates,
    venue: conference.format === "online" ? t("conference.online") : conference.venue,
    host: conference.host ? `${conference.host.code} — ${conference.host.name}` : null,
    adopted: t("record.adopted", { at: formatDateTime(locale, record.adoptedAt), by: record.adoptedBy ?? "—" }),
    itemMeta(item: AgendaItemView): string {
      const parts = [t(`workspace.agenda.kinds.${item.kind}`)];
      if (item.leadParty) parts.push(`${t("workspace.agenda.leadParty")}: ${item.leadParty}`);
      if (item.startTime) {
        const end = endTime(item.startTime, item.durationMinutes);
        parts.push(end ? `${item.startTime}–${end}` : item.startTime);
      } else if (item.durationMinutes) {
        parts.push(t("workspace.agenda.durationValue", { count: item.durationMinutes }));
      }
      return parts.join(" · ");
    },
    owners(action: DraftActionView): string {
      return action.owners.length ? action.owners.map((code) => `${code} (${partyName(code)})`).join(", ") : "—";
    },
    due(action: DraftActionView): string {
      if (action.due === "next") return t("commitment.dueNext");
      return action.due ? formatDueDate(locale, action.due, "long") : t("commitment.noDue");
    },
  };
}

/** A file name for the download: the series, the conference number and what kind of copy, in ASCII. */
export function recordFileName(slug: string, number: number, extension: "md" | "docx", variant?: string): string {
  return `${slug}-conference-${number}-record${variant ? `-${variant}` : ""}.${extension}`;
}

/** The series' name as the record's version in `language` names it. */
export function seriesNameIn(record: RecordExport, language: string): { text: string; language: string | null } {
  const given = record.seriesNames?.[language];
  return given ? { text: given, language } : { text: record.seriesName, language: null };
}
