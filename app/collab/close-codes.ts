// WebSocket close codes of the collaboration socket, shared by the hub and the
// browser. 4400–4499 tell the client not to reconnect (y-websocket's rule);
// other codes make it reconnect.
export const CloseCode = {
  /** Standard: the server is shutting down; reconnect later. */
  goingAway: 1001,
  /** Edits this client sent waited for others that never came and were dropped: reconnect and sync again. */
  resync: 4000,
  /** A message that could not be decoded or applied. */
  malformed: 4400,
  /** The session ended or was revoked. */
  unauthenticated: 4401,
  /** The user lost access to this document. */
  forbidden: 4403,
  /** This person already has as many sockets open on this document as allowed. */
  tooManyConnections: 4409,
  /** The document reached its size limit: nothing more is accepted. */
  documentFull: 4413,
  /** Too many messages or bytes in too little time. */
  rateLimited: 4429,
} as const;

/** Extra message type beside y-websocket's sync (0), awareness (1), auth (2), query-awareness (3):
 *  the server's state vector after it stored this client's changes, so the
 *  client can count what is not yet stored. */
export const MESSAGE_STORED = 100;

/** Server notices about the document, as a JSON string (see collab-notices.ts). */
export const MESSAGE_NOTICE = 101;
