// The only module that imports lucia (deprecated upstream): replacing the
// session library means rewriting this file and nothing else.
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { DB } from "../../db/connection";
import { sha256Hex } from "./ids.server";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string;
  agencyId: number | null;
}

export interface SessionInfo {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface SessionSettings {
  /** Signed out after this long without a request. */
  idleMinutes: number;
  /** Signed out this long after signing in, however active. */
  absoluteHours: number;
  /** Secure + __Host- prefixed cookie (production over HTTPS). */
  secureCookies: boolean;
}

export interface ValidatedSession {
  user: SessionUser;
  session: SessionInfo;
  /** A refreshed cookie to send back when the idle expiry moved. */
  setCookie: string | null;
}

/**
 * What the database keeps of a session: the SHA-256 of the id in the cookie,
 * as for API tokens, so that a copy of the database is not a set of live
 * sessions. Lucia v3 hands its adapter the cookie's id everywhere; the adapter
 * hashes it at the door and answers with the id it was given (decision 0018).
 */
export const storedSessionId = (sessionId: string) => sha256Hex(sessionId);

class KyselySessionAdapter implements Adapter {
  constructor(private readonly db: DB) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id as session_id",
        "sessions.expires_at",
        "sessions.created_at as session_created_at",
        "users.id as user_id",
        "users.email",
        "users.name",
        "users.is_admin",
        "users.locale",
        "users.agency_id",
      ])
      .where("sessions.id", "=", storedSessionId(sessionId))
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      {
        id: sessionId,
        userId: row.user_id,
        expiresAt: new Date(row.expires_at),
        attributes: { created_at: row.session_created_at },
      },
      {
        id: row.user_id,
        attributes: {
          email: row.email,
          name: row.name,
          is_admin: row.is_admin,
          locale: row.locale,
          agency_id: row.agency_id,
        },
      },
    ];
  }

  /** Ids here are the stored hashes, which no cookie holds; Accord never lists sessions through Lucia. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: new Date(r.expires_at),
      attributes: { created_at: r.created_at },
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({
        id: storedSessionId(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt.toISOString(),
        created_at: session.attributes.created_at,
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable("sessions")
      .set({ expires_at: expiresAt.toISOString() })
      .where("id", "=", storedSessionId(sessionId))
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", storedSessionId(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<=", new Date().toISOString()).execute();
  }
}

function createLucia(db: DB, settings: SessionSettings) {
  return new Lucia(new KyselySessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(settings.idleMinutes, "m"),
    sessionCookie: {
      // __Host- binds the cookie to this exact host, over HTTPS, for path "/".
      name: settings.secureCookies ? "__Host-accord_session" : "accord_session",
      expires: true,
      attributes: { secure: settings.secureCookies, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => ({ createdAt: new Date(attributes.created_at) }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      isAdmin: attributes.is_admin === 1,
      locale: attributes.locale,
      agencyId: attributes.agency_id,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { created_at: string };
    DatabaseUserAttributes: {
      email: string;
      name: string;
      is_admin: number;
      locale: string;
      agency_id: number | null;
    };
  }
}

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService(db: DB, settings: SessionSettings) {
  const lucia = createLucia(db, settings);
  const absoluteMs = settings.absoluteHours * 3_600_000;

  return {
    cookieName: lucia.sessionCookieName,

    readSessionId(cookieHeader: string | null | undefined): string | null {
      return cookieHeader ? lucia.readSessionCookie(cookieHeader) : null;
    },

    /** Starts a brand-new session (never reuses one: no fixation) and returns its cookie. */
    async start(userId: string): Promise<{ sessionId: string; setCookie: string }> {
      const session = await lucia.createSession(userId, { created_at: new Date().toISOString() });
      return { sessionId: session.id, setCookie: lucia.createSessionCookie(session.id).serialize() };
    },

    async validate(sessionId: string): Promise<ValidatedSession | null> {
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session || !user) return null;
      if (Date.now() - session.createdAt.getTime() > absoluteMs) {
        await lucia.invalidateSession(session.id);
        return null;
      }
      return {
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          isAdmin: user.isAdmin,
          locale: user.locale,
          agencyId: user.agencyId,
        },
        session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt, createdAt: session.createdAt },
        setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
      };
    },

    async end(sessionId: string): Promise<string> {
      await lucia.invalidateSession(sessionId);
      return lucia.createBlankSessionCookie().serialize();
    },

    blankCookie(): string {
      return lucia.createBlankSessionCookie().serialize();
    },

    async endAllFor(userId: string): Promise<void> {
      await lucia.invalidateUserSessions(userId);
    },

    /**
     * Which of these sessions are still valid, without extending any of them:
     * open sockets ask this every few seconds.
     */
    async stillValid(sessionIds: string[]): Promise<Set<string>> {
      if (sessionIds.length === 0) return new Set();
      const now = Date.now();
      const byStored = new Map(sessionIds.map((id) => [storedSessionId(id), id]));
      const rows = await db
        .selectFrom("sessions")
        .select(["id", "created_at"])
        .where("id", "in", [...byStored.keys()])
        .where("expires_at", ">", new Date(now).toISOString())
        .execute();
      return new Set(rows.filter((r) => now - new Date(r.created_at).getTime() <= absoluteMs).map((r) => byStored.get(r.id)!));
    },

    async purgeExpired(): Promise<void> {
      await lucia.deleteExpiredSessions();
    },
  };
}
