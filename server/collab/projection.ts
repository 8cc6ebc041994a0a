import { NoResultError } from "kysely";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import { readActions, readAgenda } from "../../app/collab/conference-doc";
import { parseDocName } from "../../app/collab/doc-names";
import { getConferenceLanguages } from "../../app/models/conference-languages.server";
import { projectConference } from "../../app/models/projection.server";
import { reindexConferenceAgenda } from "../../app/models/search.server";
import type { CollabDocument } from "./document";

/**
 * Mirrors live conference documents into SQL (agenda items, draft actions and
 * their search entries), so that pages, exports and the API never read a Yjs
 * blob. Debounced per document; one projection of a document at a time.
 */
export class DocumentProjector {
  private readonly running = new Map<CollabDocument, Promise<void>>();

  constructor(
    private readonly db: DB,
    private readonly logger: Logger,
    private readonly delayMs: number,
  ) {}

  schedule(doc: CollabDocument) {
    if (doc.projectionTimer) return;
    doc.projectionTimer = setTimeout(() => {
      doc.projectionTimer = null;
      void this.project(doc);
    }, this.delayMs);
    doc.projectionTimer.unref();
  }

  /** Projects now what is scheduled, and waits for any projection under way. */
  async flush(doc: CollabDocument) {
    if (doc.projectionTimer) {
      clearTimeout(doc.projectionTimer);
      doc.projectionTimer = null;
      await this.project(doc);
    }
    await this.running.get(doc);
  }

  /** Projects now, whether or not an edit is waiting to be (after a change to what the projection keeps). */
  async projectNow(doc: CollabDocument) {
    if (doc.projectionTimer) {
      clearTimeout(doc.projectionTimer);
      doc.projectionTimer = null;
    }
    await this.project(doc);
  }

  private project(doc: CollabDocument): Promise<void> {
    const ref = parseDocName(doc.name);
    if (!ref || ref.kind !== "conference") return Promise.resolve();
    const previous = this.running.get(doc) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        // Every working language's texts; the languages are read each time, as the series may have changed them.
        const languages = await getConferenceLanguages(this.db, ref.conferenceId).catch((error: unknown) => {
          // A conference deleted since has nothing to project.
          if (error instanceof NoResultError) return null;
          throw error;
        });
        if (!languages) return;
        const seriesId = await projectConference(this.db, ref.conferenceId, readAgenda(doc.ydoc, languages), readActions(doc.ydoc, languages));
        if (seriesId !== null) await reindexConferenceAgenda(this.db, seriesId, ref.conferenceId);
      })
      .catch((error: unknown) => this.logger.error({ err: error, doc: doc.name }, "projection failed"));
    this.running.set(doc, next);
    void next.then(() => {
      if (this.running.get(doc) === next) this.running.delete(doc);
    });
    return next;
  }
}
