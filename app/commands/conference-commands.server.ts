import type { AppLoadContext } from "@remix-run/node";
import * as Y from "yjs";
import { checkConclusion, isoToday, recordContent, type ConclusionCheck } from "../collab/conclusion-check";
import { readActions, readAgenda, type DocLanguages } from "../collab/conference-doc";
import { addDefaultAgenda } from "../collab/default-agenda";
import { i18nFor } from "../i18n/i18n";
import { isLocale } from "../i18n/locales";
import { contentLanguage } from "../i18n/working-languages";
import { withAudit } from "../models/audit.server";
import { recordReview } from "../models/commitments.server";
import type { ReviewOutcome } from "../../db/schema/commitments";
import { concludeConference, openSession } from "../models/conference-lifecycle.server";
import { createConference, type ConferenceInput } from "../models/conferences.server";
import { takeVersion } from "../models/document-versions.server";
import { DomainError } from "../models/errors.server";
import { getConferenceLanguages, type ConferenceLanguages } from "../models/conference-languages.server";
import { getSeriesParties } from "../models/series.server";
import type { Actor } from "./actor";
import { publishCommitment } from "./commitment-commands.server";

type Services = Pick<AppLoadContext, "db" | "clock" | "collab">;

interface ConferenceRef {
  id: number;
  seriesId: number;
  status: "planned" | "in_session" | "concluded";
  docName: string;
}

/**
 * A new conference of a series: its number taken, the open commitments carried
 * to its review list and its audit row written in one transaction; then its
 * agenda starts from the usual skeleton, in the series' first working language
 * (or the first one Accord has words for).
 */
export async function createNextConference(
  services: Services,
  actor: Actor,
  series: { id: number; slug: string; languages: string[] },
  input: ConferenceInput,
) {
  const created = await withAudit(
    services.db,
    services.clock,
    (trx) => createConference(trx, services.clock, series.id, actor.userId, input),
    (made) => ({ kind: "conference.created", subject: `conference:${made.id}`, actorId: actor.userId, ip: actor.ip, detail: { series: series.slug, number: made.number } }),
  );
  const titlesIn = (language: string) => {
    if (!isLocale(language)) return null;
    const t = i18nFor(language).t;
    return {
      opening: t("agendaDefaults.opening"),
      review: t("agendaDefaults.review"),
      thematic: t("agendaDefaults.thematic"),
      signing: t("agendaDefaults.signing"),
      closing: t("agendaDefaults.closing"),
      other: "",
    };
  };
  const languages = await getConferenceLanguages(services.db, created.id);
  const baseTitles = titlesIn(languages.base) ?? titlesIn(contentLanguage(series.languages));
  await services.collab.applyAs(created.docName, actor.userId, (doc) =>
    baseTitles ? addDefaultAgenda(doc, baseTitles, languages.working.length > 1 ? { languages, titlesIn } : undefined) : undefined,
  );
  await services.collab.flush(created.docName);
  return created;
}

/**
 * planned → in session; every open screen of the conference follows at once.
 * The agenda as it opened is kept as a version, in the transaction that opens it.
 */
export async function openConferenceSession(services: Services, actor: Actor, conference: ConferenceRef) {
  const snapshot = await services.collab.currentState(conference.docName);
  await withAudit(
    services.db,
    services.clock,
    async (trx) => {
      await openSession(trx, conference.id);
      await takeVersion(trx, services.clock, { conferenceId: conference.id, name: "opened", kind: "opened", by: actor.userId, snapshot });
    },
    { kind: "conference.opened", subject: `conference:${conference.id}`, actorId: actor.userId, ip: actor.ip },
  );
  services.collab.announceStatus(conference.docName, "in_session");
}

/** One commitment's outcome at a conference it is reviewed at, audited with it; open screens of the register follow. */
export async function reviewCommitment(
  services: Services,
  actor: Actor,
  conferenceId: number,
  input: { commitmentId: number; outcome: ReviewOutcome; note: string; writerLanguage?: string },
) {
  await withAudit(
    services.db,
    services.clock,
    (trx) => recordReview(trx, services.clock, actor.userId, { ...input, conferenceId }),
    { kind: "commitment.changed", subject: `commitment:${input.commitmentId}`, actorId: actor.userId, ip: actor.ip, detail: { review: input.outcome, conference: conferenceId } },
  );
  await publishCommitment(services, actor.userId, input.commitmentId);
}

/** The agenda and draft actions a stored state of the document holds, with their texts in every working language. */
function readConference(snapshot: Uint8Array, languages: DocLanguages) {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snapshot);
    return { agenda: readAgenda(doc, languages), actions: readActions(doc, languages) };
  } finally {
    doc.destroy();
  }
}

async function checkContent(
  services: Services,
  conference: ConferenceRef,
  content: ReturnType<typeof readConference>,
  languages: ConferenceLanguages,
): Promise<ConclusionCheck> {
  const parties = await getSeriesParties(services.db, conference.seriesId);
  return checkConclusion(content.agenda, content.actions, parties.map((p) => p.code), isoToday(services.clock.now(), "UTC"), languages);
}

/** The check the conclusion dialog shows, run on the document as stored now. */
export async function checkConferenceForConclusion(services: Services, conference: ConferenceRef, snapshot: Uint8Array): Promise<ConclusionCheck> {
  const languages = await getConferenceLanguages(services.db, conference.id);
  return checkContent(services, conference, readConference(snapshot, languages), languages);
}

/**
 * in session → concluded. The document is frozen first, so no edit slips in
 * between what is checked, what is adopted and the moment it is; a blocking
 * problem (conclusion-check.ts) or any failure unfreezes it and adopts nothing.
 * The record, its commitments, the adopted version and the audit row are one transaction.
 */
export async function concludeConferenceNow(services: Services, actor: Actor, conference: ConferenceRef) {
  if (conference.status === "concluded") throw new DomainError("alreadyConcluded");
  if (conference.status !== "in_session") throw new DomainError("openSessionFirst");
  let adopted;
  try {
    const snapshot = await services.collab.freeze(conference.docName);
    await services.collab.flush(conference.docName);
    const languages = await getConferenceLanguages(services.db, conference.id);
    const content = readConference(snapshot, languages);
    if ((await checkContent(services, conference, content, languages)).blocking) throw new DomainError("conclusionBlocked");
    adopted = await withAudit(
      services.db,
      services.clock,
      async (trx) => {
        const record = await concludeConference(trx, services.clock, actor.userId, {
          conferenceId: conference.id,
          snapshot,
          languages,
          ...recordContent(content.agenda, content.actions),
        });
        await takeVersion(trx, services.clock, { conferenceId: conference.id, name: "adopted", kind: "adopted", by: actor.userId, snapshot });
        return record;
      },
      (record) => ({
        kind: "conference.concluded",
        subject: `conference:${conference.id}`,
        actorId: actor.userId,
        ip: actor.ip,
        detail: { sha256: record.sha256, commitments: record.commitmentIds.length },
      }),
    );
  } catch (error) {
    await services.collab.unfreeze(conference.docName);
    throw error;
  }
  services.collab.announceStatus(conference.docName, "concluded");
  for (const id of adopted.commitmentIds) await publishCommitment(services, actor.userId, id);
  return adopted;
}
