import type { DB } from "../../db/connection";
import { isoNow, type Clock } from "./clock.server";
import { sha256Hex } from "./conference-lifecycle.server";
import { DomainError } from "./errors.server";

// Named versions of a conference document. A version is the whole document as
// it was, stored with its hash: history is never rewritten, and any version
// can be read back, compared or (later) restored from.

export const VERSION_NAME_MAX = 200;

export type VersionKind = "manual" | "opened" | "adopted";

export interface VersionSummary {
  id: number;
  name: string;
  kind: VersionKind;
  takenByName: string | null;
  takenAt: string;
  sha256: string;
}

export async function takeVersion(db: DB, clock: Clock, input: { conferenceId: number; name: string; kind: VersionKind; by: string | null; snapshot: Uint8Array }): Promise<number> {
  const name = input.name.trim();
  if (!name || name.length > VERSION_NAME_MAX) throw new DomainError("versionNameInvalid", "name");
  const row = await db
    .insertInto("document_versions")
    .values({
      conference_id: input.conferenceId,
      name,
      kind: input.kind,
      taken_by: input.by,
      taken_at: isoNow(clock),
      snapshot: input.snapshot,
      sha256: sha256Hex(input.snapshot),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A conference's versions with who took them. */
function versionsOf(db: DB, conferenceId: number) {
  return db
    .selectFrom("document_versions")
    .leftJoin("users", "users.id", "document_versions.taken_by")
    .select([
      "document_versions.id",
      "document_versions.name",
      "document_versions.kind",
      "users.name as takenByName",
      "document_versions.taken_at as takenAt",
      "document_versions.sha256",
    ])
    .where("document_versions.conference_id", "=", conferenceId);
}

/** A conference's versions, newest first. */
export function listVersions(db: DB, conferenceId: number): Promise<VersionSummary[]> {
  return versionsOf(db, conferenceId)
    .orderBy("document_versions.id", "desc")
    .limit(500)
    .execute();
}

/** One version of one conference, with its bytes; null when it is not that conference's. */
export async function getVersion(db: DB, conferenceId: number, versionId: number) {
  const row = await versionsOf(db, conferenceId).select("document_versions.snapshot").where("document_versions.id", "=", versionId).executeTakeFirst();
  return row ?? null;
}
