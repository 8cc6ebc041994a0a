import type * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MESSAGE_NOTICE, MESSAGE_STORED } from "./close-codes";
import { applyServerStatesAsReceived } from "./received-state";

// The conference's document and its connection, started as soon as the
// workspace's module runs rather than once the page has hydrated: on a slow
// link the socket's upgrade and the first sync (three round trips) then
// happen while React hydrates, and the live agenda can show in the first
// render after it. The page's hook (use-collab-doc.ts) takes the session
// over, with whatever the hub said meanwhile.

const KEEP_UNCLAIMED_MS = 15_000;

type MessageHandler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean, messageType: number) => void;

/** What the hub said in Accord's own messages before anyone listened, in order, to be handed on. */
interface HeldMessage {
  type: number;
  decoder: decoding.Decoder;
}

export interface EarlySession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The close that ended the connection for good (signed out, no access…) before the page listened. */
  terminalClose: { code: number; reason: string } | null;
  /** Hands the held Accord messages to the handlers now set on the provider, then lets new ones through. */
  release(): void;
}

const waiting = new Map<string, EarlySession>();

/** Opens the conference document's connection that the page's hook for `docName` will take over. */
export function openEarlySession(socketUrl: string, docName: string) {
  if (waiting.has(docName) || typeof WebSocket === "undefined") return;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(socketUrl, docName, doc, { connect: false, disableBc: true });
  applyServerStatesAsReceived(provider);
  // Nobody is shown present before the page knows who it is showing (use-collab-doc sets it).
  provider.awareness.setLocalState(null);

  let held: HeldMessage[] | null = [];
  const holding = (type: number): MessageHandler => (_encoder, decoder) => {
    // A decoder is a view on the received frame, which nothing reuses: keeping it keeps the message.
    held?.push({ type, decoder });
  };
  provider.messageHandlers[MESSAGE_STORED] = holding(MESSAGE_STORED);
  provider.messageHandlers[MESSAGE_NOTICE] = holding(MESSAGE_NOTICE);

  const session: EarlySession = {
    doc,
    provider,
    terminalClose: null,
    release() {
      const messages = held ?? [];
      held = null;
      for (const { type, decoder } of messages) provider.messageHandlers[type]?.(encoding.createEncoder(), decoder, provider, true, type);
    },
  };
  provider.on("closed", (close: { code: number; reason: string }) => {
    if (waiting.get(docName) === session) session.terminalClose = close;
  });
  waiting.set(docName, session);
  provider.connect();
  // Not claimed (the page went elsewhere, or it never hydrated): nothing is left open.
  setTimeout(() => {
    if (waiting.get(docName) !== session) return;
    waiting.delete(docName);
    provider.destroy();
    doc.destroy();
  }, KEEP_UNCLAIMED_MS);
}

/** The session opened early for this document, once; null if there is none (then the hook opens its own). */
export function claimEarlySession(docName: string): EarlySession | null {
  const session = waiting.get(docName);
  if (!session) return null;
  waiting.delete(docName);
  return session;
}
