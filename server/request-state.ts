import type { NextFunction, Request, Response } from "express";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from "../app/i18n/locales";
import { LOCALE_COOKIE } from "../app/i18n/locale-cookie";
import type { RequestState } from "../app/http/request-context.server";
import type { SessionService } from "../app/models/session.server";
import { userForApiToken } from "../app/models/api-tokens.server";
import type { Clock } from "../app/models/clock.server";
import type { DB } from "../db/connection";

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function chooseLocale(req: Request, userLocale: string | null): Locale {
  if (isLocale(userLocale)) return userLocale;
  const cookie = readCookie(req.headers.cookie, LOCALE_COOKIE);
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(req.get("accept-language")) ?? DEFAULT_LOCALE;
}

/**
 * Works out once per request who is asking and in which language, and puts it
 * in res.locals for the Remix load context. A refreshed session cookie is sent
 * back here, so no route has to remember to.
 */
export function requestState(sessions: SessionService, db: DB, clock: Clock) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const state: Omit<RequestState, "cspNonce" | "pageMarkup"> = {
        user: null,
        session: null,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        locale: DEFAULT_LOCALE,
      };
      const bearer = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
      const sessionId = sessions.readSessionId(req.headers.cookie);
      if (bearer && req.path.startsWith("/api/") && (req.method === "GET" || req.method === "HEAD")) {
        // API tokens open the read-only API only, never pages or commands.
        state.user = await userForApiToken(db, clock, bearer);
      } else if (sessionId) {
        const valid = await sessions.validate(sessionId);
        if (valid) {
          state.user = valid.user;
          state.session = valid.session;
          if (valid.setCookie) res.append("Set-Cookie", valid.setCookie);
        } else {
          res.append("Set-Cookie", sessions.blankCookie());
        }
      }
      state.locale = chooseLocale(req, state.user?.locale ?? null);
      Object.assign(res.locals, state);
      next();
    } catch (error) {
      next(error);
    }
  };
}
