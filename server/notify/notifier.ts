import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DB } from "../../db/connection";
import type { Clock } from "../../app/models/clock.server";
import { composeDigests } from "../../app/models/notification-digest.server";
import { scanForNotifications } from "../../app/models/notification-scan.server";
import { purgeStopTokens } from "../../app/models/mail-stop.server";
import { deliverPendingMail, recoverStaleSends, type DeliveryOptions } from "./delivery";
import { deliverInvitationMail } from "./invitation-delivery";
import { acquireLease, releaseLease } from "./lease";
import type { SendMail } from "./mailer";

// The notification worker: every interval, the process that holds the
// "notifier" lease scans for new notifications and sends pending mail. The
// next round is scheduled only when this one has finished, so rounds never
// overlap; each step awaits the database or the network, so the event loop is
// never held for long.

const LEASE = "notifier";

async function newestNotificationId(db: DB): Promise<number> {
  const row = await db.selectFrom("notifications").select((eb) => eb.fn.max("id").as("newest")).executeTakeFirst();
  return Number(row?.newest ?? 0);
}

export interface NotifierOptions {
  intervalMs: number;
  /** How long the lease lasts without renewal; renewed before every message. */
  leaseMs: number;
  delivery: DeliveryOptions;
}

export class Notifier {
  readonly holder = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Asked to run again as soon as the round in progress ends. */
  private soon = false;
  /** The newest notification whose recipient has been told; null until the first round looks. */
  private toldUpTo: number | null = null;

  constructor(
    private readonly deps: { db: DB; clock: Clock; logger: Logger; send: SendMail | null; tell?: (userId: string) => void },
    private readonly options: NotifierOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  private schedule(delay: number) {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = null;
        const again = this.soon;
        this.soon = false;
        this.schedule(again ? 0 : this.options.intervalMs);
      });
    }, delay);
    this.timer.unref();
  }

  /**
   * Runs a round now instead of at the next interval (an administrator just
   * invited someone and is waiting for the mail). Only the process holding
   * the lease sends; elsewhere the round finds the lease taken and stops.
   */
  nudge(): void {
    if (this.stopping) return;
    if (this.running) {
      this.soon = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private holdLease(): Promise<boolean> {
    return acquireLease(this.deps.db, LEASE, this.holder, this.deps.clock.now(), this.options.leaseMs);
  }

  private async round(): Promise<void> {
    const { db, clock, logger, send } = this.deps;
    try {
      if (!(await this.holdLease())) return;
      this.toldUpTo ??= await newestNotificationId(db);
      const { added } = await scanForNotifications(db, clock);
      if (added) logger.info({ added }, "notifications added");
      await this.tellNewRecipients();
      if (!send || this.stopping) return;
      await composeDigests(db, clock);
      await purgeStopTokens(db, clock);
      const recovered = await recoverStaleSends(db, clock);
      if (recovered) logger.warn({ recovered }, "mail left unfinished by a stopped sender will be sent again");
      const keepGoing = async () => !this.stopping && (await this.holdLease());
      // Invitations first: an administrator is waiting for the person to arrive.
      const invitations = await deliverInvitationMail(db, clock, send, this.options.delivery, keepGoing);
      if (invitations.sent || invitations.failed) logger.info(invitations, "invitation mail");
      const stats = await deliverPendingMail(db, clock, send, this.options.delivery, keepGoing);
      if (stats.sent || stats.failed) logger.info(stats, "notification mail");
    } catch (err) {
      logger.error({ err }, "notification round failed; the next round tries again");
    }
  }

  /** Tells each person who has new notifications, so that their open pages show the count at once. */
  private async tellNewRecipients() {
    const { db, tell } = this.deps;
    if (!tell || this.toldUpTo === null) return;
    const rows = await db
      .selectFrom("notifications")
      .select(["user_id", (eb) => eb.fn.max("id").as("newest")])
      .where("id", ">", this.toldUpTo)
      .groupBy("user_id")
      .execute();
    for (const row of rows) {
      tell(row.user_id);
      this.toldUpTo = Math.max(this.toldUpTo, Number(row.newest));
    }
  }

  /** Lets the round in progress finish its message, then gives up the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await releaseLease(this.deps.db, LEASE, this.holder).catch(() => undefined);
  }
}
