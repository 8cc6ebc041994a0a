import { randomBytes } from "node:crypto";
import { createClient } from "@redis/client";
import type { Logger } from "pino";

/**
 * Edits between instances (issue 15, item 2; DESIGN.md "Beyond one machine").
 * An instance publishes an update on its document's channel only after it
 * has committed it to PostgreSQL and relayed it to its own clients; the
 * others apply it to the copy they hold and relay it to theirs, without
 * storing it again. Redis carries messages only: an instance that missed some
 * (Redis restarted, a network blip) reads the document's rows again from
 * PostgreSQL when its subscription is back, so losing Redis loses no edit.
 *
 * A message is the publishing instance's 16-byte id, then the update.
 */
export interface InstanceRelay {
  /** Tells the other instances about an update this one has stored. */
  publish(docName: string, update: Uint8Array): void;
  /** Starts receiving a document's updates from the other instances. */
  follow(docName: string): Promise<void>;
  unfollow(docName: string): Promise<void>;
  close(): Promise<void>;
}

export interface RedisRelayOptions {
  url: string;
  logger: Logger;
  /** An update another instance stored, for a document this one follows. */
  received(docName: string, update: Uint8Array): void;
  /** The subscription came back after a loss: read every followed document again from storage. */
  resubscribed(): void;
}

const ID_BYTES = 16;
const channelOf = (docName: string) => `accord:doc:${docName}`;

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
  subscriber.on("ready", () => {
    // Documents opened while Redis was away were never subscribed.
    for (const docName of followed) void subscribe(docName);
    if (readyOnce) options.resubscribed();
    readyOnce = true;
  });

  const listener = (message: Buffer, channel: Buffer) => {
    if (message.byteLength < ID_BYTES || message.subarray(0, ID_BYTES).equals(id)) return;
    const docName = channel.toString("utf8").slice("accord:doc:".length);
    if (!followed.has(docName)) return;
    const update = message.subarray(ID_BYTES);
    options.received(docName, new Uint8Array(update.buffer, update.byteOffset, update.byteLength));
  };

  void publisher.connect().catch(warn);
  void subscriber.connect().catch(warn);

  return {
    publish(docName, update) {
      if (closed || !publisher.isReady) return;
      const message = Buffer.concat([id, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]);
      publisher.publish(channelOf(docName), message).catch(warn);
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
