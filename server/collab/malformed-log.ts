import type { Logger } from "pino";

/**
 * Logs malformed collaboration messages, at most `perSecond` lines a second
 * and then a count: a client sending garbage must not also flood the log
 * (and stall the server on a full log pipe).
 */
export class MalformedMessageLog {
  private since = 0;
  private logged = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly perSecond: number,
  ) {}

  record(details: Record<string, unknown>) {
    const now = Date.now();
    if (now - this.since >= 1000) {
      if (this.suppressed > 0) this.logger.warn({ suppressed: this.suppressed }, "more malformed collaboration messages, not logged one by one");
      this.since = now;
      this.logged = 0;
      this.suppressed = 0;
    }
    if (this.logged < this.perSecond) {
      this.logged += 1;
      this.logger.info(details, "malformed collaboration message");
    } else this.suppressed += 1;
  }
}
