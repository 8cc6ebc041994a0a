import * as Y from "yjs";
import { createCollabStore } from "../db/collab-store";
import type { DatabaseHandle } from "../db/connection";
import { DEMO_PASSWORD, demoAgencies, demoAgreements, demoConferences, demoFigureNames, demoProgress, demoSeries, demoUsers } from "../db/seed/demo-data";
import { demoTranslation } from "../db/seed/demo-translations";
import type { DB } from "../db/connection";
import type { TranslatedSubject } from "../db/schema/index";
import {
  actionsOf,
  addAgendaItem,
  addDraftAction,
  agendaOf,
  ensureTextType,
  readActions,
  readAgenda,
  writeAlignment,
  type DocLanguages,
} from "../app/collab/conference-doc";
import { remember, type AlignmentWrite } from "../app/collab/text-alignment";
import { writeTranslation } from "../app/models/parallel-texts.server";
import { getConferenceLanguages } from "../app/models/conference-languages.server";
import { createAgency, getAgencyByCode } from "../app/models/agencies.server";
import { isoNow, type Clock } from "../app/models/clock.server";
import { figureKey } from "../app/models/figure-key";
import { changeStatus } from "../app/models/commitment-status.server";
import { addFollowUp, recordReview } from "../app/models/commitments.server";
import { concludeConference, openSession } from "../app/models/conference-lifecycle.server";
import { addClause, addSignatory, createAgreement, makeCommitmentFromClause } from "../app/models/agreements.server";
import { createConference, getConferenceByNumber } from "../app/models/conferences.server";
import { getMembership, grantMembership } from "../app/models/memberships.server";
import { projectConference } from "../app/models/projection.server";
import { reindexSeries } from "../app/models/search.server";
import { createSeries, getSeriesBySlug } from "../app/models/series.server";
import { createUser, findUserByEmail } from "../app/models/users.server";

/** Loads the demo story into a database that has no users yet. Returns whether it did. */
export async function seedDemoDataIfEmpty(handle: DatabaseHandle, clock: Clock): Promise<boolean> {
  const anyone = await handle.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyone) return false;
  await seedDemoData(handle, clock);
  return true;
}

export async function seedDemoData(handle: DatabaseHandle, clock: Clock): Promise<void> {
  const { db } = handle;
  for (const agency of demoAgencies) {
    if (!(await getAgencyByCode(db, agency.code))) await createAgency(db, clock, agency);
  }
  for (const series of demoSeries) {
    if (!(await getSeriesBySlug(db, series.slug))) {
      await createSeries(db, clock, { ...series, partyCodes: [...series.partyCodes], languages: [...series.languages] });
      await db
        .updateTable("series")
        .set({ authentic_languages: JSON.stringify(series.authenticLanguages) })
        .where("slug", "=", series.slug)
        .execute();
      const row = await getSeriesBySlug(db, series.slug);
      for (const [language, texts] of Object.entries(series.texts)) {
        for (const field of ["name", "description"] as const) {
          await writeTranslation(db, { subject: "series", subjectId: row!.id, field, language, text: texts[field], aligned: null, at: isoNow(clock), by: null });
        }
      }
    }
  }
  for (const person of demoUsers) {
    const agency = person.agency ? await getAgencyByCode(db, person.agency) : undefined;
    const { id } = await createUser(db, clock, {
      email: person.email,
      name: person.name,
      password: DEMO_PASSWORD,
      isAdmin: person.isAdmin,
      agencyId: agency?.id ?? null,
      locale: person.locale,
    });
    for (const grant of person.roles) {
      const series = await getSeriesBySlug(db, grant.series);
      const party = await getAgencyByCode(db, grant.agency);
      if (!series || !party) throw new Error(`demo data: unknown series or agency in ${person.email}`);
      await grantMembership(db, clock, { seriesId: series.id, userId: id, agencyId: party.id, role: grant.role });
    }
  }
  await seedConferences(handle);
  for (const figure of demoFigureNames) {
    const series = await getSeriesBySlug(db, figure.series);
    const key = figureKey(figure.label, figure.unit);
    for (const language of ["vi", "zh"] as const) {
      await db
        .insertInto("figure_names")
        .values({ series_id: series!.id, label_key: key.label, unit_key: key.unit, language, ...figure[language], updated_at: isoNow(clock), updated_by: null })
        .execute();
    }
  }
  for (const series of demoSeries) {
    const row = await getSeriesBySlug(db, series.slug);
    if (row) await reindexSeries(db, row.id);
  }
}

const at = (isoDate: string): Clock => ({ now: () => new Date(`${isoDate}T09:00:00.000Z`) });

/** The language the demo's texts were drafted in; Vietnamese and Chinese were written beside them. */
const DEMO_BASE = "en";
const DEMO_OTHERS = ["vi", "zh"] as const;

/** A command-owned text's Vietnamese and Chinese, each in line with its English. */
async function translateDemoText(db: DB, subject: TranslatedSubject, subjectId: number, field: string, english: string, when: string, by: string | null) {
  const translated = demoTranslation(english);
  for (const language of DEMO_OTHERS) {
    await writeTranslation(db, {
      subject,
      subjectId,
      field,
      language,
      text: translated[language],
      aligned: { language: DEMO_BASE, text: english },
      at: `${when}T09:00:00.000Z`,
      by,
    });
  }
}

function fillParagraphs(fragment: Y.XmlFragment, text: string) {
  const paragraphs = text.split("\n").filter((p) => p.trim() !== "");
  fragment.insert(
    0,
    paragraphs.map((p) => {
      const element = new Y.XmlElement("paragraph");
      element.insert(0, [new Y.XmlText(p)]);
      return element;
    }),
  );
}

/**
 * Writes the Vietnamese and Chinese of an agenda item's or action's English
 * fields, and records each as in line with the English (decision 0025), so
 * that nothing in the demo shows as needing an update.
 */
function writeParallelTexts(item: Y.Map<unknown>, english: Record<string, string | undefined>, languages: DocLanguages) {
  const writes: AlignmentWrite[] = [];
  for (const [field, text] of Object.entries(english)) {
    if (!text) continue;
    const translated = demoTranslation(text);
    for (const language of DEMO_OTHERS) {
      const type = ensureTextType(item, field, language, languages.base);
      if (type instanceof Y.Text) type.insert(0, translated[language]);
      else fillParagraphs(type, translated[language]);
      writes.push([`${field}@${language}`, remember(languages.base, text)]);
    }
  }
  writeAlignment(item, writes);
}

/**
 * Replays the demo's history in date order: each conference is created (which
 * carries open commitments to it), reviews and concludes (which turns its
 * draft actions into commitments), and progress between conferences is
 * recorded by the delegates who reported it.
 */
async function seedConferences(handle: DatabaseHandle) {
  const { db } = handle;
  const store = createCollabStore(handle);
  const userIds = new Map<string, string>();
  for (const person of demoUsers) {
    const user = await findUserByEmail(db, person.email);
    if (user) userIds.set(person.email, user.id);
  }
  const agencyIds = new Map<string, number>();
  for (const agency of demoAgencies) {
    const row = await getAgencyByCode(db, agency.code);
    if (row) agencyIds.set(agency.code, row.id);
  }
  const commitmentIds = new Map<string, number>();
  const pending = [...demoProgress].sort((a, b) => a.at.localeCompare(b.at));

  const applyProgressUntil = async (before: string) => {
    while (pending.length > 0 && pending[0].at < before) {
      const step = pending.shift()!;
      const commitmentId = commitmentIds.get(step.key);
      const by = userIds.get(step.by);
      if (!commitmentId || !by) continue;
      const clock = at(step.at);
      if (step.status) {
        const share = step.share ? (agencyIds.get(step.share) ?? null) : null;
        // Replayed as the person who reported it, under the same rules as in the app.
        const { series_id: seriesId } = await db.selectFrom("commitments").select("series_id").where("id", "=", commitmentId).executeTakeFirstOrThrow();
        const person = demoUsers.find((u) => u.email === step.by)!;
        const actor = {
          user: { id: by, email: person.email, name: person.name, isAdmin: false, locale: "en", agencyId: null },
          membership: await getMembership(db, seriesId, by),
        };
        await changeStatus(db, clock, actor, {
          commitmentId,
          to: step.status,
          note: step.note,
          reason: step.status === "blocked" || step.status === "dropped" ? step.note : null,
          forAgencyId: share,
          writerLanguage: DEMO_BASE,
        });
      }
      const reporter = demoUsers.find((u) => u.email === step.by);
      const followUpId = await addFollowUp(db, clock, by, {
        commitmentId,
        note: step.note,
        agencyId: reporter?.agency ? (agencyIds.get(reporter.agency) ?? null) : null,
        figure: step.figure ?? null,
        at: `${step.at}T09:00:00.000Z`,
        // Written in English, as the demo's other texts; Vietnamese and Chinese follow as translations.
        writerLanguage: DEMO_BASE,
      });
      await translateDemoText(db, "follow_up", followUpId, "note", step.note, step.at, by);
    }
  };

  for (const demo of [...demoConferences].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
    const series = await getSeriesBySlug(db, demo.series);
    const secretariat = demoUsers.find((u) => u.roles.some((r) => r.series === demo.series && r.role === "secretariat"));
    const by = secretariat ? userIds.get(secretariat.email) : undefined;
    if (!series || !by) continue;
    await applyProgressUntil(demo.startsOn);
    const created = await createConference(db, at(demo.startsOn), series.id, by, {
      number: demo.number,
      title: demo.title,
      startsOn: demo.startsOn,
      endsOn: demo.endsOn,
      venue: demo.venue,
      format: demo.format,
      hostAgencyId: demo.host ? (agencyIds.get(demo.host) ?? null) : null,
    });
    // Drafted in English whatever the series' first language is: the English stays under the document's plain keys.
    await db.updateTable("conferences").set({ base_language: DEMO_BASE }).where("id", "=", created.id).execute();
    await translateDemoText(db, "conference", created.id, "title", demo.title, demo.startsOn, by);
    const languages = await getConferenceLanguages(db, created.id);
    // The document is written straight to storage: the hub is not running yet.
    const doc = new Y.Doc();
    for (const item of demo.agenda) {
      const id = addAgendaItem(
        doc,
        {
          title: item.title,
          kind: item.kind,
          leadParty: item.lead ?? null,
          startTime: item.start ?? null,
          durationMinutes: item.minutes ?? null,
          notes: item.notes,
          outcome: item.outcome,
        },
        undefined,
        languages,
      );
      doc.transact(() => writeParallelTexts(agendaOf(doc).get(id)!, { title: item.title, notes: item.notes, outcome: item.outcome }, languages));
    }
    for (const action of demo.actions) {
      const id = addDraftAction(doc, action, languages);
      doc.transact(() => writeParallelTexts(actionsOf(doc).get(id)!, { text: action.text }, languages));
    }
    const state = Y.encodeStateAsUpdate(doc);
    await store.append(created.docName, state);
    const agenda = readAgenda(doc, languages);
    const actions = readActions(doc, languages);
    await projectConference(db, created.id, agenda, actions);
    doc.destroy();

    if (demo.status === "planned") continue;
    for (const [key, outcome] of Object.entries(demo.reviews ?? {})) {
      const commitmentId = commitmentIds.get(key);
      if (commitmentId) await recordReview(db, at(demo.endsOn), by, { commitmentId, conferenceId: created.id, ...outcome, writerLanguage: DEMO_BASE });
    }
    if (demo.status === "in_session") {
      await openSession(db, created.id);
      continue;
    }
    const adopted = await concludeConference(db, at(demo.endsOn), by, { conferenceId: created.id, snapshot: state, agenda, actions, languages });
    // Commitments are created in the order of the draft actions.
    const byText = new Map(actions.map((a, i) => [a.text, adopted.commitmentIds[i]]));
    for (const action of demo.actions) {
      const id = byText.get(action.text);
      if (id) commitmentIds.set(action.key, id);
    }
    // Agreements signed at this conference, so their commitments are carried to the next one.
    await seedAgreements(db, demo.series, demo.number, { agencyIds, userIds, commitmentIds });
  }
  await applyProgressUntil("9999-12-31");
  store.close();
  // Each reason a commitment was blocked or dropped for, in Vietnamese and Chinese beside its English.
  const reasons = await db
    .selectFrom("commitment_events")
    .select(["id", "reason", "at", "by"])
    .where("kind", "=", "status")
    .where("reason", "is not", null)
    .where("reason_language", "=", DEMO_BASE)
    .execute();
  for (const event of reasons) await translateDemoText(db, "status_reason", event.id, "reason", event.reason!, event.at.slice(0, 10), event.by);
}

/** The signed agreements, with clauses that became commitments (keys "clause:<label>"). */
async function seedAgreements(
  db: DB,
  seriesSlug: string,
  conferenceNumber: number,
  { agencyIds, userIds, commitmentIds }: { agencyIds: Map<string, number>; userIds: Map<string, string>; commitmentIds: Map<string, number> },
) {
  for (const demo of demoAgreements.filter((a) => a.series === seriesSlug && a.conference === conferenceNumber)) {
    const series = await getSeriesBySlug(db, demo.series);
    const conference = series ? await getConferenceByNumber(db, series.id, demo.conference) : null;
    const secretariat = demoUsers.find((u) => u.roles.some((r) => r.series === demo.series && r.role === "secretariat"));
    const userId = secretariat ? (userIds.get(secretariat.email) ?? null) : null;
    if (!series || !conference) continue;
    const clock = at(demo.signedOn);
    const actor = { userId };
    const ids = (codes: string[]) => codes.map((c) => agencyIds.get(c)).filter((id): id is number => id !== undefined);
    const agreementId = await createAgreement(db, clock, actor, series.id, {
      title: demo.title,
      partyAgencyIds: ids(demo.parties),
      conferenceId: conference.id,
      status: demo.status,
      signedOn: demo.signedOn,
      signedAt: demo.signedAt,
      validFrom: demo.validFrom,
      validUntil: demo.validUntil,
      writerLanguage: DEMO_BASE,
    });
    await translateDemoText(db, "agreement", agreementId, "title", demo.title, demo.signedOn, userId);
    const ref = { seriesId: series.id, agreementId };
    for (const person of demo.signatories) {
      await addSignatory(db, clock, actor, ref, { name: person.name, title: person.title, agencyId: agencyIds.get(person.agency) ?? null });
    }
    for (const clause of demo.clauses) {
      const clauseId = await addClause(db, clock, actor, ref, { label: clause.label, text: clause.text });
      await translateDemoText(db, "clause", clauseId, "text", clause.text, demo.signedOn, userId);
      if (!clause.commitment) continue;
      const due = clause.commitment.due;
      const commitmentId = await makeCommitmentFromClause(db, clock, actor, ref, clauseId, {
        ownerAgencyIds: ids(clause.commitment.owners),
        dueOn: due === "next" ? null : due,
        dueNext: due === "next",
      });
      await translateDemoText(db, "commitment", commitmentId, "text", clause.text, demo.signedOn, userId);
      if (demo.series === "vn-cn-anti-smuggling") commitmentIds.set(`clause:${clause.label}`, commitmentId);
    }
  }
}
