import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";
import { MESSAGE_NOTICE, MESSAGE_STORED } from "../../app/collab/close-codes";
import type { CollabNotice } from "../../app/collab/collab-notices";

/** Message types of the y-websocket protocol (and ours, MESSAGE_STORED, in close-codes.ts). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: our state vector, asking the client for what we lack. */
export const syncStep1Message = (doc: Y.Doc) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** Sync step 2: what a client lacks, encoded by the document (CollabDocument.syncUpdateFor) or read from storage. */
export const syncStep2FromUpdate = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const syncUpdateMessage = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
  });

export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

/** Everything up to this state vector is stored: the browser counts what is not. */
export const storedMessage = (stateVector: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_STORED);
    encoding.writeVarUint8Array(e, stateVector);
  });

/** A notice about the document (lifecycle, this connection's colour): collab-notices.ts. */
export const noticeMessage = (notice: CollabNotice) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_NOTICE);
    encoding.writeVarString(e, JSON.stringify(notice));
  });
