import type { DB } from "../../db/connection";
import { isoNow, type Clock } from "./clock.server";
import { DomainError } from "./errors.server";
import { newId } from "./ids.server";
import { hashPassword, verifyPassword } from "./password.server";
import type { Locale } from "../i18n/locales";
import { sortByText } from "../i18n/collate";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewUser {
  email: string;
  name: string;
  /** Null for an account that will set its password through an invitation. */
  password: string | null;
  isAdmin?: boolean;
  agencyId?: number | null;
  locale?: Locale;
}

export async function createUser(db: DB, clock: Clock, input: NewUser) {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new DomainError("emailTaken", "email");
  const id = newId();
  await db
    .insertInto("users")
    .values({
      id,
      email,
      name: input.name.trim(),
      password_hash: input.password ? await hashPassword(input.password) : null,
      is_admin: input.isAdmin ? 1 : 0,
      agency_id: input.agencyId ?? null,
      locale: input.locale ?? "en",
      created_at: isoNow(clock),
    })
    .execute();
  return { id, email };
}

export function findUserByEmail(db: DB, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export function getUser(db: DB, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "is_admin", "locale", "agency_id", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Every user, by name in the viewer's collation when a language is given. */
export function listUsers(db: DB, locale?: Locale) {
  return db
    .selectFrom("users")
    .leftJoin("agencies", "agencies.id", "users.agency_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.is_admin",
      "users.created_at",
      "users.agency_id",
      "agencies.code as agency_code",
      "agencies.name as agency_name",
    ])
    .select((eb) => eb("users.password_hash", "is not", null).as("has_password"))
    .orderBy("users.name")
    .execute()
    .then((rows) => (locale ? sortByText(rows, locale, (u) => u.name) : rows));
}

export async function setUserLocale(db: DB, userId: string, locale: Locale) {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

export async function setPassword(db: DB, userId: string, password: string) {
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password) })
    .where("id", "=", userId)
    .execute();
}

/** Checks the current password before setting a new one. */
export async function changePassword(db: DB, userId: string, current: string, next: string) {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, current))) {
    throw new DomainError("currentPasswordWrong", "currentPassword");
  }
  await setPassword(db, userId, next);
}
