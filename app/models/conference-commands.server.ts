import type { AppLoadContext } from "@remix-run/node";
import * as Y from "yjs";
import { checkConclusion, isoToday, recordContent, type ConclusionCheck } from "../collab/conclusion-check";
import { readActions, readAgenda, type DocLanguages } from "../collab/conference-doc";
import { publishCommitment } from "../commands/commitment-commands.server";
import { recordAudit } from "./audit.server";
import { concludeConference, openSession } from "./conference-lifecycle.server";
import { takeVersion } from "./document-versions.server";
import { DomainError } from "./errors.server";
import { getConferenceLanguages, type ConferenceLanguages } from "./conference-languages.server";
import { getSeriesParties } from "./series.server";

type Services = Pick<AppLoadContext, "db" | "clock" | "collab">;

interface ConferenceRef {
  id: number;
  seriesId: number;
  status: "planned" | "in_session" | "concluded";
  docName: string;
}

/** planned → in session; every open screen of the conference follows at once. The agenda as it opened is kept as a version. */
export async function openConferenceSession(services: Services, actor: { userId: string; ip: string }, conference: ConferenceRef) {
  await openSession(services.db, conference.id);
  const snapshot = await services.collab.currentState(conference.docName);
  await takeVersion(services.db, services.clock, { conferenceId: conference.id, name: "opened", kind: "opened", by: actor.userId, snapshot });
  await recordAudit(services.db, services.clock, { kind: "conference.opened", subject: `conference:${conference.id}`, actorId: actor.userId, ip: actor.ip });
  services.collab.announceStatus(conference.docName, "in_session");
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
 */
export async function concludeConferenceNow(services: Services, actor: { userId: string; ip: string }, conference: ConferenceRef) {
  if (conference.status === "concluded") throw new DomainError("alreadyConcluded");
  if (conference.status !== "in_session") throw new DomainError("openSessionFirst");
  let adopted;
  let snapshot: Uint8Array;
  try {
    snapshot = await services.collab.freeze(conference.docName);
    await services.collab.flush(conference.docName);
    const languages = await getConferenceLanguages(services.db, conference.id);
    const content = readConference(snapshot, languages);
    if ((await checkContent(services, conference, content, languages)).blocking) throw new DomainError("conclusionBlocked");
    adopted = await concludeConference(services.db, services.clock, actor.userId, {
      conferenceId: conference.id,
      snapshot,
      languages,
      ...recordContent(content.agenda, content.actions),
    });
  } catch (error) {
    await services.collab.unfreeze(conference.docName);
    throw error;
  }
  services.collab.announceStatus(conference.docName, "concluded");
  await takeVersion(services.db, services.clock, { conferenceId: conference.id, name: "adopted", kind: "adopted", by: actor.userId, snapshot });
  for (const id of adopted.commitmentIds) await publishCommitment(services, actor.userId, id);
  await recordAudit(services.db, services.clock, {
    kind: "conference.concluded",
    subject: `conference:${conference.id}`,
    actorId: actor.userId,
    ip: actor.ip,
    detail: { sha256: adopted.sha256, commitments: adopted.commitmentIds.length },
  });
  return adopted;
}
