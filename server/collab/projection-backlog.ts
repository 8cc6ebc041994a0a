import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import { conferenceDocName } from "../../app/collab/doc-names";

/**
 * Projects once more the conferences listed in projection_backlog: those
 * projected before the projection kept every language's texts (migration
 * 0022), concluded ones included, which no edit will ever project again.
 * Each is claimed by deleting its row first, so that two instances starting
 * at once share the list rather than both working through all of it.
 */
export async function projectBacklog(
  db: DB,
  hub: { reproject(docName: string): Promise<void> },
  logger: Logger,
  stopping: () => boolean = () => false,
): Promise<number> {
  let projected = 0;
  while (!stopping()) {
    const next = await db.selectFrom("projection_backlog").select("conference_id as id").orderBy("conference_id").limit(1).executeTakeFirst();
    if (!next) break;
    const claimed = await db.deleteFrom("projection_backlog").where("conference_id", "=", next.id).executeTakeFirst();
    if (Number(claimed.numDeletedRows) === 0) continue;
    // A failure is logged by the projection; the conference keeps its base texts until its next edit.
    await hub.reproject(conferenceDocName(next.id));
    projected += 1;
  }
  if (projected > 0) logger.info({ projected }, "conferences projected again with every language's texts");
  return projected;
}
