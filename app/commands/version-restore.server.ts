import type { AppLoadContext } from "@remix-run/node";
import * as Y from "yjs";
import { restoreFromVersion, versionHolds, type RestoreTarget } from "../collab/restore";
import { recordAudit } from "../models/audit.server";
import { getVersion } from "../models/document-versions.server";
import { DomainError } from "../models/errors.server";

type Services = Pick<AppLoadContext, "db" | "clock" | "collab">;

/**
 * Restores one entry or the whole agenda and draft actions from a version,
 * as a new edit made by the actor (applyAs binds it to them): the document's
 * history keeps everything in between. Only while the conference is not
 * concluded; the caller has checked that the actor may edit. The edit is
 * stored by the hub's log, not in an SQL transaction, so its audit row is
 * written once the edit is flushed (decision 0040).
 */
export async function restoreVersion(
  services: Services,
  actor: { userId: string; ip: string },
  conference: { id: number; status: string; docName: string },
  versionId: number,
  target: RestoreTarget,
) {
  if (conference.status === "concluded") throw new DomainError("alreadyConcluded");
  const version = await getVersion(services.db, conference.id, versionId);
  if (!version) throw new DomainError("versionNotFound");
  const versionDoc = new Y.Doc();
  try {
    Y.applyUpdate(versionDoc, version.snapshot);
    if (!versionHolds(versionDoc, target)) throw new DomainError("restoreTargetMissing");
    await services.collab.applyAs(conference.docName, actor.userId, (doc) => restoreFromVersion(doc, versionDoc, target));
  } finally {
    versionDoc.destroy();
  }
  await services.collab.flush(conference.docName);
  await recordAudit(services.db, services.clock, {
    kind: "conference.restored",
    subject: `conference:${conference.id}`,
    actorId: actor.userId,
    ip: actor.ip,
    detail: target.kind === "all" ? { version: versionId, all: true } : { version: versionId, list: target.list, id: target.id },
  });
}
