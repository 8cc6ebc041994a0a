import type { Logger } from "pino";
import type * as Y from "yjs";
import type { DB } from "../../db/connection";
import type { CollabNotice, ConferenceStatus } from "../collab/collab-notices";
import type { Clock } from "../models/clock.server";
import type { SessionInfo, SessionService, SessionUser } from "../models/session.server";
import type { Locale } from "../i18n/locales";

/** What routes may ask of the collaboration hub (the server owns it). */
export interface CollabService {
  /** Applies a change to a live document as this user; resolves once it is stored and every open screen has it. */
  applyAs(docName: string, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** Projects a document to SQL now, so the next page load reads it. */
  flush(docName: string): Promise<void>;
  /** Freezes a document (read-only for all) and returns its stored state at that instant. */
  freeze(docName: string): Promise<Uint8Array>;
  unfreeze(docName: string): Promise<void>;
  /** A document's stored state as of now (built from the live copy when it is loaded). */
  currentState(docName: string): Promise<Uint8Array>;
  /** Tells every open screen of a conference that its status changed. */
  announceStatus(docName: string, status: ConferenceStatus): void;
  /** Sends any notice to the open screens of a document. */
  announce(docName: string, notice: CollabNotice): void;
  /** Re-checks at once the open sockets of a user whose session or roles changed. */
  revalidate(userId?: string): Promise<void>;
}

/** Uploaded documents, stored outside the web root under generated names. */
export interface FileStore {
  /** Stores bytes and returns the generated name (e.g. "3f…9a.pdf"). */
  save(bytes: Uint8Array, extension: string): Promise<string>;
  read(name: string): Promise<Buffer>;
  remove(name: string): Promise<void>;
}

/** Limits the server applies to uploads. */
export interface UploadLimits {
  maxDocumentBytes: number;
}

/** Tells a person's open pages that something of theirs changed (server/notify/user-notices.ts). */
export interface NoticeService {
  /** Their unread notifications changed (read, marked read): their open pages show the new count. */
  unreadChanged(userId: string): void;
}

/** Whether mail goes out (SMTP_URL is set). */
export interface MailSettings {
  enabled: boolean;
  /** Asks the sender to go through the outbox now rather than at its next round (someone is waiting for this mail). */
  sendSoon(): void;
}

/** What the server process owns and hands to every loader and action. */
export interface AppServices {
  db: DB;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
  collab: CollabService;
  files: FileStore;
  uploads: UploadLimits;
  notices: NoticeService;
  mail: MailSettings;
}

/** Facts about the current request, worked out once by the server. */
export interface RequestState {
  user: SessionUser | null;
  session: SessionInfo | null;
  clientIp: string;
  cspNonce: string;
  /** The language chosen for this request (user setting, cookie or Accept-Language). */
  locale: Locale;
  /**
   * On a request for a whole page: markup that its HTML carries and its data
   * leaves out (app/http/page-markup.server.ts). Null on a data request, whose
   * answer is all the browser gets.
   */
  pageMarkup: Map<string, string> | null;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends AppServices, RequestState {}
}
