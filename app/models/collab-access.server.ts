import type { DB } from "../../db/connection";
import { parseDocName } from "../collab/doc-names";
import { getMembership } from "./memberships.server";
import { conferenceDocAccess, privateNotesAccess, registerDocAccess, type DocAccess } from "./permissions.server";
import type { SessionUser } from "./session.server";

/**
 * What a user may do with a collaborative document, by its name. Unknown and
 * malformed names, and documents of series the user cannot see, are "none".
 */
export async function resolveDocAccess(db: DB, user: SessionUser, docName: string): Promise<DocAccess> {
  return (await resolveDocState(db, user, docName)).access;
}

/** Access, and whether the document is an adopted record (a concluded conference): frozen for good. */
export async function resolveDocState(db: DB, user: SessionUser, docName: string): Promise<{ access: DocAccess; adopted: boolean }> {
  const none = { access: "none" as const, adopted: false };
  const ref = parseDocName(docName);
  if (!ref) return none;
  if (ref.kind === "conference" || ref.kind === "private") {
    const conference = await db
      .selectFrom("conferences")
      .select(["series_id", "status"])
      .where("id", "=", ref.conferenceId)
      .executeTakeFirst();
    if (!conference) return none;
    const membership = await getMembership(db, conference.series_id, user.id);
    // Private notes stay open after adoption: a delegation prepares the next meeting in them.
    if (ref.kind === "private") return { access: privateNotesAccess({ user, membership }, ref.agencyId), adopted: false };
    return { access: conferenceDocAccess({ user, membership }, conference.status), adopted: conference.status === "concluded" };
  }
  const series = await db.selectFrom("series").select("id").where("id", "=", ref.seriesId).executeTakeFirst();
  if (!series) return none;
  return { access: registerDocAccess({ user, membership: await getMembership(db, series.id, user.id) }), adopted: false };
}
