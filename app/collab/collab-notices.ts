import * as decoding from "lib0/decoding";
import type * as encoding from "lib0/encoding";
import type { WebsocketProvider } from "y-websocket";
import { MESSAGE_NOTICE, MESSAGE_STORED } from "./close-codes";

// What the hub tells a browser beside the y-websocket protocol: that a
// conference moved on in its lifecycle (open screens follow it at once), and
// which colour this connection shows to the others (unique in the document).

export const CONFERENCE_STATUSES = ["planned", "in_session", "concluded"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export type CollabNotice =
  | { kind: "status"; status: ConferenceStatus }
  | { kind: "colour"; color: string }
  /** Comments on this conference changed: open screens reload them. */
  | { kind: "comments" };

/** Reads a notice; anything else (a newer server, a damaged frame) is ignored, never thrown. */
export function parseNotice(text: string): CollabNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  if (record.kind === "status" && (CONFERENCE_STATUSES as readonly unknown[]).includes(record.status)) {
    return { kind: "status", status: record.status as ConferenceStatus };
  }
  if (record.kind === "comments") return { kind: "comments" };
  if (record.kind === "colour" && typeof record.color === "string" && /^#[0-9a-f]{6}$/i.test(record.color)) {
    return { kind: "colour", color: record.color };
  }
  return null;
}

export interface AccordHandlers {
  /** The server's state vector after it stored what this client sent. */
  onStored?: (stateVector: Uint8Array) => void;
  onNotice?: (notice: CollabNotice) => void;
}

/**
 * Teaches a provider Accord's own message types. Every provider needs this,
 * also those that ignore them: y-websocket logs an error for any type it has
 * no handler for.
 */
export function handleAccordMessages(provider: WebsocketProvider, handlers: AccordHandlers = {}) {
  provider.messageHandlers[MESSAGE_STORED] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const stateVector = decoding.readVarUint8Array(decoder);
    handlers.onStored?.(stateVector);
  };
  provider.messageHandlers[MESSAGE_NOTICE] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const notice = parseNotice(decoding.readVarString(decoder));
    if (notice) handlers.onNotice?.(notice);
  };
}
