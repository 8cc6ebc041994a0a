import type { AppLoadContext } from "@remix-run/node";
import { requireConference } from "../http/conference-access.server";
import { getVersion, listVersions } from "../models/document-versions.server";
import { conferenceRedline, type AttributedRedline } from "../models/edit-attribution.server";
import { getSeriesParties } from "../models/series.server";
import { textsInEveryLanguage } from "../models/parallel-texts.server";
import { pickText } from "../models/parallel-text-rules";

// The two states a redline compares, read from the URL (?from=<version>&to=<version>|now),
// with who made each change: for the page and for its Word export alike.

export interface RedlineSide {
  id: string;
  /** A version's name, "kind:opened"/"kind:adopted", or null for the document now. */
  label: string | null;
  at: string | null;
  by: string | null;
}

export async function loadRedline(context: AppLoadContext, request: Request, params: { slug?: string; number?: string }) {
  const { series, conference } = await requireConference(context, request, params);
  const url = new URL(request.url);
  const versions = await listVersions(context.db, conference.id);
  const pick = async (value: string | null, fallback: "now" | "oldest") => {
    const id = value === "now" || (value === null && fallback === "now") ? null : Number(value ?? versions.at(-1)?.id ?? NaN);
    if (id === null) return { label: null, at: null, by: null, snapshot: await context.collab.currentState(conference.docName) };
    const version = Number.isSafeInteger(id) && id > 0 ? await getVersion(context.db, conference.id, id) : null;
    if (!version) throw new Response("Not Found", { status: 404 });
    return { label: version.kind === "manual" ? version.name : `kind:${version.kind}`, at: version.takenAt, by: version.takenByName, snapshot: version.snapshot };
  };
  const from = await pick(url.searchParams.get("from"), "oldest");
  const to = await pick(url.searchParams.get("to"), "now");
  const redline: AttributedRedline = await conferenceRedline(context.db, conference, from.snapshot, to.snapshot);
  const [parties, titles] = await Promise.all([
    getSeriesParties(context.db, series.id),
    textsInEveryLanguage(context.db, "conference", [{ id: conference.id, baseLanguage: conference.baseLanguage, text: conference.title }], "title"),
  ]);
  const everyTitle = titles.get(conference.id) ?? { [conference.baseLanguage]: conference.title };
  const heading = pickText(everyTitle, context.locale, series.languages, conference.baseLanguage);
  return {
    // The document's own language first (its unsuffixed texts), then the series' other working languages.
    series: { slug: series.slug, name: series.name, languages: [...new Set([conference.baseLanguage, ...(series.languages as string[])])] },
    // The page's heading in the reader's language; a Word export in one language takes that language's title.
    conference: {
      number: conference.number,
      title: heading.text,
      titleShown: { language: heading.language, wanted: heading.wanted },
      titles: everyTitle,
      baseLanguage: conference.baseLanguage,
    },
    versions,
    from: { id: url.searchParams.get("from") ?? String(versions.at(-1)?.id ?? ""), label: from.label, at: from.at, by: from.by } satisfies RedlineSide,
    to: { id: url.searchParams.get("to") ?? "now", label: to.label, at: to.at, by: to.by } satisfies RedlineSide,
    entries: redline.entries.filter((e) => e.change !== "unchanged"),
    who: { marks: redline.marks, people: redline.people, parties: parties.map((p) => ({ code: p.code, name: p.name })) },
  };
}
