import { withDb } from "./db";
import { DEMO_PASSWORD } from "./collab";
import { HttpClient } from "./http";
import type { TestServer } from "./server";

export interface SeriesMember {
  email: string;
  agency: string;
  role: "secretariat" | "delegate" | "observer";
}

/**
 * A series of the test's own (not the demo's), made as an administrator
 * would: through the admin pages, with its parties and members.
 */
export async function createSeries(
  server: TestServer,
  series: { slug: string; name: string; parties: string[]; members: SeriesMember[]; languages?: string[] },
): Promise<void> {
  const admin = await new HttpClient(server.url).signIn("admin@accord.test", DEMO_PASSWORD);
  const created = await admin.postForm("/admin/series", [
    ["name", series.name],
    ["slug", series.slug],
    ["description", ""],
    ...series.parties.map((code): [string, string] => ["parties", code]),
    ...(series.languages ?? []).map((code): [string, string] => ["languages", code]),
  ]);
  if (created.status !== 303) throw new Error(`creating ${series.slug} answered ${created.status}`);
  const page = await admin.getHtml(`/admin/series/${series.slug}`);
  for (const member of series.members) {
    // React writes "<!-- -->" between the code and the rest of the option's text.
    const agencyId = new RegExp(`<option value="(\\d+)"[^>]*>${member.agency}(?:<!-- -->)? —`).exec(page.html)?.[1];
    if (!agencyId) throw new Error(`no agency ${member.agency} on the series page`);
    const person = await new HttpClient(server.url).signIn(member.email, DEMO_PASSWORD);
    const { body: me } = await person.getJson<{ id: string }>("/api/v1/me");
    const granted = await admin.postForm(`/admin/series/${series.slug}`, { intent: "grant", userId: me.id, agencyId, role: member.role });
    if (granted.status !== 200) throw new Error(`granting ${member.email} answered ${granted.status}`);
  }
}

/** Creates a conference as a secretariat would, through the form. */
export async function createConference(
  client: HttpClient,
  slug: string,
  conference: { number: number; title: string; startsOn: string; endsOn: string },
): Promise<void> {
  const response = await client.postForm(`/series/${slug}/conferences/new`, {
    number: String(conference.number),
    title: conference.title,
    startsOn: conference.startsOn,
    endsOn: conference.endsOn,
    format: "online",
    venue: "",
    hostAgencyId: "",
  });
  if (response.status !== 303) throw new Error(`creating conference ${conference.number} answered ${response.status}`);
}

/**
 * Makes one working language of a series its only authentic one. For tests
 * about something else that edit a demo conference's English texts through a
 * bare Yjs client and then conclude it: their Vietnamese and Chinese, no
 * longer in line, are then said, not blocking (decision 0025).
 */
export function onlyLanguageAuthentic(dbPath: string, slug: string, language: string) {
  withDb(dbPath, (db) => {
    db.prepare("UPDATE series SET authentic_languages = ? WHERE slug = ?").run(JSON.stringify([language]), slug);
  });
}

/** People of the demo agencies whom the browser stories cast, by first name. */
export const PEOPLE = {
  lan: { email: "lan.nguyen@vnc.test", agency: "VNC" },
  zhang: { email: "zhang.wei@gacc.test", agency: "GACC" },
  minh: { email: "minh.tran@vnc.test", agency: "VNC" },
  li: { email: "li.na@gacc.test", agency: "GACC" },
} as const;

/** A person of PEOPLE in a role of the series. */
export function member(person: (typeof PEOPLE)[keyof typeof PEOPLE], role: SeriesMember["role"]): SeriesMember {
  return { ...person, role };
}

/**
 * A series of the test's own with its first conference, planned: made through
 * the admin pages and the conference form, the conference by the first member
 * (a secretariat). Answers that member, signed in.
 */
export async function seriesWithFirstConference(
  server: TestServer,
  series: Parameters<typeof createSeries>[1],
  conference: { title?: string; startsOn?: string; endsOn?: string } = {},
): Promise<HttpClient> {
  await createSeries(server, series);
  const first = await new HttpClient(server.url).signIn(series.members[0].email, DEMO_PASSWORD);
  await createConference(first, series.slug, {
    number: 1,
    title: conference.title ?? "Hội nghị lần thứ nhất",
    startsOn: conference.startsOn ?? "2099-03-01",
    endsOn: conference.endsOn ?? "2099-03-02",
  });
  return first;
}
