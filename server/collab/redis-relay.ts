import { randomBytes } from "node:crypto";
import { createClient } from "@redis/client";
import type { Logger } from "pino";
import { z } from "zod";
import { CONFERENCE_STATUSES, type CollabNotice } from "../../app/collab/collab-notices";
import type { UserNotice } from "../notify/user-notices";

/**
 * Edits between instances (issue 15, item 2; DESIGN.md "Beyond one machine").
 * An instance publishes an update on its document's channel only after it
 * has committed it to PostgreSQL and relayed it to its own clients; the
 * others apply it to the copy they hold and relay it to theirs, without
 * storing it again. Redis carries messages only: an instance that missed some
 * (Redis restarted, a network blip) reads the document's rows again from
 * PostgreSQL when its subscription is back, so losing Redis loses no edit.
 *
 * A message is the publishing instance's 16-byte id, then one byte for its
 * kind. An edit (0) continues with the stored row's id (4 bytes, big-endian:
 * the periodic catch-up compares it with storage), then the update. Presence
 * (1) continues with an awareness update as the hub sanitised it: names and
 * colours are the server's, never what a client claimed. Presence is not
 * stored; each instance forgets another's states when they are not renewed
 * (y-protocols' 30 s), which is how they go when their instance dies.
 *
 * Beside the documents' channels, one control channel carries what every
 * instance must act on at once (decision 0034): a document frozen for
 * adoption or thawed, a notice for a document's open screens, a person whose
 * sessions or roles changed, a person's unread count. Each is a hint that
 * makes something happen sooner; none is the only way it happens (the fence
 * is in the database, sockets re-check their session every few seconds).
 */
export type ControlMessage =
  | { kind: "frozen"; docName: string }
  | { kind: "thawed"; docName: string }
  | { kind: "notice"; docName: string; notice: CollabNotice }
  /** Re-check these sockets now: one person's, or everyone's when userId is absent. */
  | { kind: "revalidate"; userId?: string }
  | { kind: "user"; userId: string; notice: UserNotice };

export interface InstanceRelay {
  /** Tells the other instances about an update this one has stored. */
  publish(docName: string, update: Uint8Array, rowId: number): void;
  /** Tells the other instances about presence on a document, as this hub sanitised it. */
  publishPresence(docName: string, update: Uint8Array): void;
  /** Tells the other instances something they must act on (never this one). */
  control(message: ControlMessage): void;
  /** Starts receiving a document's updates from the other instances. */
  follow(docName: string): Promise<void>;
  unfollow(docName: string): Promise<void>;
  close(): Promise<void>;
}

export interface RedisRelayOptions {
  url: string;
  logger: Logger;
  /** An update another instance stored, for a document this one follows. */
  received(docName: string, update: Uint8Array, rowId: number): void;
  /** Presence on a document this one follows, from another instance. */
  presence?(docName: string, update: Uint8Array): void;
  /** The subscription came back after a loss: read every followed document again from storage. */
  resubscribed(): void;
  /** A control message from another instance. */
  controlled?(message: ControlMessage): void;
}

const ID_BYTES = 16;
const KIND_EDIT = 0;
const KIND_PRESENCE = 1;
const channelOf = (docName: string) => `accord:doc:${docName}`;
const CONTROL_CHANNEL = "accord:control";

export function createRedisRelay(options: RedisRelayOptions): InstanceRelay {
  const id = randomBytes(ID_BYTES);
  // Redis down is not a reason to stop: retry with a growing pause up to 5 s, for ever.
  const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 5000);
  const publisher = createClient({ url: options.url, socket: { reconnectStrategy } });
  const subscriber = publisher.duplicate();
  const followed = new Set<string>();
  /** Channels subscribed to; the client subscribes to these again by itself after a reconnect. */
  const subscribed = new Set<string>();
  let readyOnce = false;
  let closed = false;

  let lastWarning = 0;
  const warn = (error: unknown) => {
    // One line per 10 s at most while Redis is away.
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    options.logger.warn({ err: error }, "Redis is unreachable: edits are stored and reach this instance's clients; other instances catch up when it returns");
  };
  publisher.on("error", warn);
  subscriber.on("error", warn);
  const subscribe = async (docName: string) => {
    if (subscribed.has(docName)) return;
    subscribed.add(docName);
    await subscriber.subscribe(channelOf(docName), listener, true).catch((error: unknown) => {
      subscribed.delete(docName);
      warn(error);
    });
  };
  let controlSubscribed = false;
  const subscribeControl = () => {
    if (controlSubscribed) return;
    controlSubscribed = true;
    subscriber.subscribe(CONTROL_CHANNEL, controlListener, true).catch((error: unknown) => {
      controlSubscribed = false;
      warn(error);
    });
  };
  subscriber.on("ready", () => {
    subscribeControl();
    // Documents opened while Redis was away were never subscribed.
    for (const docName of followed) void subscribe(docName);
    if (readyOnce) options.resubscribed();
    readyOnce = true;
  });

  const listener = (message: Buffer, channel: Buffer) => {
    if (message.byteLength < ID_BYTES + 1 || message.subarray(0, ID_BYTES).equals(id)) return;
    const docName = channel.toString("utf8").slice("accord:doc:".length);
    if (!followed.has(docName)) return;
    const bytes = (from: number) => new Uint8Array(message.buffer, message.byteOffset + from, message.byteLength - from);
    const kind = message[ID_BYTES];
    if (kind === KIND_EDIT && message.byteLength >= ID_BYTES + 5) options.received(docName, bytes(ID_BYTES + 5), message.readUInt32BE(ID_BYTES + 1));
    else if (kind === KIND_PRESENCE) options.presence?.(docName, bytes(ID_BYTES + 1));
  };

  const controlListener = (message: Buffer) => {
    if (message.byteLength < ID_BYTES || message.subarray(0, ID_BYTES).equals(id)) return;
    const parsed = parseControl(message.subarray(ID_BYTES).toString("utf8"));
    if (parsed) options.controlled?.(parsed);
    else options.logger.warn("a control message from another instance could not be read");
  };

  void publisher.connect().catch(warn);
  void subscriber.connect().catch(warn);

  return {
    publish(docName, update, rowId) {
      if (closed || !publisher.isReady) return;
      const head = Buffer.alloc(5);
      head[0] = KIND_EDIT;
      head.writeUInt32BE(rowId >>> 0, 1);
      const message = Buffer.concat([id, head, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]);
      publisher.publish(channelOf(docName), message).catch(warn);
    },
    publishPresence(docName, update) {
      if (closed || !publisher.isReady || !followed.has(docName)) return;
      const message = Buffer.concat([id, Buffer.from([KIND_PRESENCE]), Buffer.from(update.buffer, update.byteOffset, update.byteLength)]);
      publisher.publish(channelOf(docName), message).catch(warn);
    },
    control(message) {
      if (closed || !publisher.isReady) return;
      publisher.publish(CONTROL_CHANNEL, Buffer.concat([id, Buffer.from(JSON.stringify(message), "utf8")])).catch(warn);
    },
    async follow(docName) {
      if (closed || followed.has(docName)) return;
      followed.add(docName);
      // Away: subscribed once Redis is back, and resubscribed() catches up then.
      if (subscriber.isReady) await subscribe(docName);
    },
    async unfollow(docName) {
      followed.delete(docName);
      if (!subscribed.delete(docName) || !subscriber.isReady) return;
      await subscriber.unsubscribe(channelOf(docName), listener, true).catch(warn);
    },
    async close() {
      closed = true;
      for (const client of [publisher, subscriber]) {
        if (client.isOpen) await client.close().catch(() => {});
        else client.destroy();
      }
    },
  };
}

// Another instance of the same bundle wrote it, but Redis is a network peer: read, not trusted.
const controlSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("frozen"), docName: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("thawed"), docName: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal("notice"),
    docName: z.string().min(1).max(200),
    notice: z.union([
      z.object({ kind: z.literal("status"), status: z.enum(CONFERENCE_STATUSES) }),
      z.object({ kind: z.literal("comments") }),
    ]),
  }),
  z.object({ kind: z.literal("revalidate"), userId: z.string().min(1).max(200).optional() }),
  z.object({ kind: z.literal("user"), userId: z.string().min(1).max(200), notice: z.enum(["unread", "sessions"]) }),
]);

function parseControl(text: string): ControlMessage | null {
  try {
    const result = controlSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
