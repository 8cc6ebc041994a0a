import type { Logger } from "pino";
import type { DB } from "../db/connection";
import type { Clock } from "./models/clock.server";
import type { SessionInfo, SessionService, SessionUser } from "./models/session.server";
import type { Locale } from "./i18n/locales";

/** What the server process owns and hands to every loader and action. */
export interface AppServices {
  db: DB;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
}

/** Facts about the current request, worked out once by the server. */
export interface RequestState {
  user: SessionUser | null;
  session: SessionInfo | null;
  clientIp: string;
  cspNonce: string;
  /** The language chosen for this request (user setting, cookie or Accept-Language). */
  locale: Locale;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends AppServices, RequestState {}
}
