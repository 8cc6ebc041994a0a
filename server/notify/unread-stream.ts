import type { Request, Response } from "express";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import { countUnread } from "../../app/models/notifications.server";
import type { RequestState } from "../../app/http/request-context.server";
import type { SessionService } from "../../app/models/session.server";
import type { UserNotices } from "./user-notices";

// GET /notifications/live: the header's unread count as server-sent events.
// Signed in by the session cookie like every page (requestState has run); a
// stream is bound to that session and to its person only. It sends the count
// when the stream opens and whenever UserNotices says it changed, and closes
// when the session ends (sign-out, revocation: told at once; expiry: found by
// the periodic check). A page without the stream (no script, a proxy that
// buffers, the connection lost) still has the count it was loaded with and
// asks for it now and then (app/components/unread-count.tsx).

export const UNREAD_STREAM_PATH = "/notifications/live";

export interface UnreadStreamOptions {
  /** A comment line this often keeps proxies from closing an idle stream; the session is checked then too. */
  heartbeatMs: number;
  /** Streams per person; opening one more closes their oldest (a person with many tabs). */
  maxPerUser: number;
}

export class UnreadStreams {
  private readonly open = new Map<string, Array<() => void>>();

  constructor(
    private readonly deps: { db: DB; sessions: SessionService; notices: UserNotices; logger: Logger },
    private readonly options: UnreadStreamOptions,
  ) {}

  handle = (req: Request, res: Response) => {
    const { user, session } = res.locals as RequestState;
    if (!user || !session) {
      res.status(401).set("Cache-Control", "no-store").end();
      return;
    }
    const { db, sessions, notices, logger } = this.deps;
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware would otherwise hold events back.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    });
    res.write("retry: 10000\n\n");
    let closed = false;
    let last: number | null = null;
    const sendCount = async () => {
      try {
        const unread = await countUnread(db, user.id);
        if (closed || unread === last) return;
        last = unread;
        res.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
      } catch (err) {
        logger.warn({ err }, "unread count for a live stream failed");
      }
    };
    const checkSession = async () => {
      const alive = await sessions.stillValid([session.id]).catch(() => new Set<string>());
      if (!closed && !alive.has(session.id)) {
        // Told, so the page stops reconnecting and shows the count it has.
        res.write("event: signedOut\ndata: {}\n\n");
        close();
      }
    };
    const unlisten = notices.listen(user.id, (notice) => void (notice === "unread" ? sendCount() : checkSession()));
    const heartbeat = setInterval(() => {
      res.write(": still here\n\n");
      void checkSession();
    }, this.options.heartbeatMs);
    heartbeat.unref();
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unlisten();
      const mine = this.open.get(user.id) ?? [];
      const rest = mine.filter((c) => c !== close);
      if (rest.length) this.open.set(user.id, rest);
      else this.open.delete(user.id);
      res.end();
    };
    const mine = this.open.get(user.id) ?? [];
    mine.push(close);
    this.open.set(user.id, mine);
    if (mine.length > this.options.maxPerUser) mine[0]();
    req.on("close", close);
    void sendCount();
  };

  get size(): number {
    let n = 0;
    for (const list of this.open.values()) n += list.length;
    return n;
  }

  /** Ends every stream (shutdown), so that the server can close without waiting for them. */
  closeAll(): void {
    for (const list of [...this.open.values()]) for (const close of [...list]) close();
  }
}
