import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "../helpers/collab";
import { withDb } from "../helpers/db";
import { ROOT } from "../helpers/env";
import { HttpClient } from "../helpers/http";
import type { TestServer } from "../helpers/server";
import { pdfBytes } from "../helpers/pdf";

/*
 * The authorisation matrix, shared by authorisation-matrix.test.ts (every
 * role) and cross-site.test.ts (every command from another site). One table: every route file's pages, commands (form POSTs by intent), API
 * endpoints and socket documents, against every role, with the outcome each
 * must get. The owning series is vn-cn-anti-smuggling; the commitment acted on
 * ("Share findings on the use of AI…") is owned by GACC alone; the joint
 * commitment rows act on ones owned by VNC and GACC, where both delegates own.
 */

export const ROLES = ["anonymous", "otherSeries", "observer", "delegateOther", "delegateOwner", "secretariat", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const EMAIL: Record<Exclude<Role, "anonymous">, string> = {
  otherSeries: "mai.hoang@langson.test",
  observer: "hung.pham@vnc.test",
  delegateOther: "minh.tran@vnc.test", // VNC: not an owner of the commitment
  delegateOwner: "li.na@gacc.test", // GACC: the owner
  secretariat: "lan.nguyen@vnc.test",
  admin: "admin@accord.test",
};

/**
 * allow: passes every gate and succeeds (the row's `ok` statuses); login: 302
 * to /login; home: 302 to /; 401/403/404/405: that status; write/read: the
 * socket opens (101) with that access.
 */
export type Outcome = "allow" | "login" | "home" | 401 | 403 | 404 | 405 | "write" | "read";
export type Expect = Record<Role, Outcome>;

const all = (o: Outcome): Expect => Object.fromEntries(ROLES.map((r) => [r, o])) as Expect;
const PUBLIC = all("allow");
const SIGNED_IN: Expect = { ...all("allow"), anonymous: "login" };
const MEMBER: Expect = { ...all("allow"), anonymous: "login", otherSeries: 404 };
const SECRETARIAT: Expect = { ...all(403), anonymous: "login", otherSeries: 404, secretariat: "allow" };
/** Every member of the series, whatever the role; not an administrator who is not one. */
const MEMBER_WRITES: Expect = { ...all("allow"), anonymous: "login", otherSeries: 404, admin: 403 };
const ADMIN: Expect = { ...all(403), anonymous: "login", admin: "allow" };
/** How the series works day to day (e.g. review notice days): its secretariats and administrators. */
const CONFIGURE: Expect = { ...SECRETARIAT, admin: "allow" };
const PROGRESS: Expect = { ...SECRETARIAT, delegateOwner: "allow" };
/** On a commitment owned by VNC and GACC together, both delegates are owners. */
const JOINT_OWNERS: Expect = { ...SECRETARIAT, delegateOther: "allow", delegateOwner: "allow" };
/** A series' languages: its secretariats, and an administrator who sets a series up. */
const LANGUAGES: Expect = { ...SECRETARIAT, admin: "allow" };
const API_SIGNED_IN: Expect = { ...all("allow"), anonymous: 401 };
const API_MEMBER: Expect = { ...API_SIGNED_IN, otherSeries: 404 };
const SOCKET_LIVE: Expect = { ...all("read"), anonymous: 401, otherSeries: 403, secretariat: "write" };
const SOCKET_FROZEN: Expect = { ...all("read"), anonymous: 401, otherSeries: 403 };
/** Followed by every member, written by no client (decision 0016). */
const SOCKET_SIGNAL: Expect = SOCKET_FROZEN;

type Fields = Record<string, string> | [string, string][];
export interface Ctx {
  role: Role;
  ids: Ids;
  dbPath: string;
}
export interface Row {
  kind: "page" | "command" | "api" | "socket";
  /** The route files this row exercises (for sockets: the hub). */
  files: string[];
  path: (c: Ctx) => string;
  method?: "GET" | "POST";
  fields?: (c: Ctx) => Fields;
  multipart?: (c: Ctx) => FormData;
  /** A new session for each signed-in role: the command ends or replaces it. */
  freshSession?: boolean;
  /** The statuses that mean "allowed and done". */
  ok?: number[];
  expect: Expect;
  label: string;
}

export interface Ids {
  seriesId: number;
  conf17: number;
  conf18: number;
  conf19: number;
  commitment: number;
  /** Commitments for the joint-commitment rows: parcels (GACC alone), monthly and wco (VNC and GACC), cigarettes (joint, dropped). */
  more: { parcels: number; monthly: number; wco: number; cigarettes: number };
  agreement: number;
  makeClause: number;
  scratchAgency: number;
  thang: string;
  agencies: Record<string, number>;
}

export const S = "/series/vn-cn-anti-smuggling";
export const SCRATCH = "matrix-scratch";
const one = <T>(dbPath: string, sql: string, ...params: unknown[]) => withDb(dbPath, (db) => db.prepare(sql).get(...params) as T);

const get = (label: string, files: string[], p: string | ((c: Ctx) => string), expect: Expect, extra: Partial<Row> = {}): Row => ({
  kind: "page",
  label,
  files,
  path: typeof p === "string" ? () => p : p,
  expect,
  ok: [200],
  ...extra,
});
const post = (label: string, files: string[], p: string | ((c: Ctx) => string), fields: Fields | ((c: Ctx) => Fields), expect: Expect, extra: Partial<Row> = {}): Row => ({
  kind: "command",
  label,
  files,
  method: "POST",
  path: typeof p === "string" ? () => p : p,
  fields: typeof fields === "function" ? fields : () => fields,
  expect,
  ok: [200, 303],
  ...extra,
});
const api = (label: string, files: string[], p: string | ((c: Ctx) => string), expect: Expect, extra: Partial<Row> = {}): Row => ({
  ...get(label, files, p, expect, extra),
  kind: "api",
});
const socket = (label: string, doc: (c: Ctx) => string, expect: Expect): Row => ({ kind: "socket", label, files: [], path: doc, expect });

const conf = (n: number | ((c: Ctx) => number), rest = "") => (c: Ctx) => `${S}/conferences/${typeof n === "number" ? n : n(c)}${rest}`;
const agreement = (rest = "") => (c: Ctx) => `${S}/agreements/${c.ids.agreement}${rest}`;
const commitment = (c: Ctx) => `/commitments/${c.ids.commitment}`;
const byId = (key: keyof Ids["more"]) => (c: Ctx) => `/commitments/${c.ids.more[key]}`;
const latest = (table: string) => (c: Ctx) => String(one<{ id: number }>(c.dbPath, `SELECT max(id) AS id FROM ${table} WHERE agreement_id = ?`, c.ids.agreement).id);

export const TABLE: Row[] = [
  // ---- pages --------------------------------------------------------------
  get("home", ["_index.tsx"], "/", SIGNED_IN),
  get("unknown page", ["$.tsx"], "/no-such-page", { ...all(404), anonymous: "login" }),
  get("account", ["account.tsx"], "/account", SIGNED_IN),
  get("my commitments", ["my.commitments.tsx"], "/my/commitments", SIGNED_IN),
  get("search", ["search.tsx"], "/search?q=border", SIGNED_IN),
  get("notifications", ["notifications._index.tsx"], "/notifications", SIGNED_IN),
  get("personal calendar (unknown address)", ["calendar.$feed.ts"], "/calendar/not-a-real-feed-address-0000.ics", all(404)),
  get("notification count", ["notifications.count.ts"], "/notifications/count", { ...all("allow"), anonymous: 401 }),
  get("notification settings", ["notifications.settings.tsx"], "/notifications/settings", SIGNED_IN),
  // Someone else's notification (or none) answers as one that does not exist.
  get("open a notification (not one's own)", ["notifications.$id.tsx"], "/notifications/999999999", { ...all(404), anonymous: "login" }),
  get("stop link of a mail (unknown token)", ["notifications.stop.$token.tsx"], "/notifications/stop/not-a-real-token", PUBLIC, { ok: [404] }),
  get("sign-in page", ["login.tsx"], "/login", { ...all("home"), anonymous: "allow" }),
  get("sign-out by GET", ["logout.tsx"], "/logout", all("home")),
  get("language by GET", ["settings.language.tsx"], "/settings/language", all("home")),
  get("invitation (unknown token)", ["invite.$token.tsx"], "/invite/not-a-real-token", PUBLIC),
  get("first-administrator setup (unknown token)", ["setup.$token.tsx"], "/setup/not-a-real-token", PUBLIC, { ok: [404] }),
  get("series", ["series.$slug._index.tsx"], S, MEMBER),
  get("series settings", ["series.$slug.settings.tsx"], `${S}/settings`, CONFIGURE),
  get("leader view", ["series.$slug.leader.tsx"], `${S}/leader`, MEMBER),
  get("briefing", ["series.$slug.briefing.tsx"], `${S}/briefing`, MEMBER),
  get("calendar", ["series.$slug.calendar[.]ics.ts"], `${S}/calendar.ics`, MEMBER),
  get("register", ["series.$slug.commitments._index.tsx"], `${S}/commitments`, MEMBER),
  get("register CSV", ["series.$slug.commitments[.]csv.ts"], `${S}/commitments.csv`, MEMBER),
  get("agreements", ["series.$slug.agreements._index.tsx"], `${S}/agreements`, MEMBER),
  get("agreement", ["series.$slug.agreements.$id.tsx"], agreement(), MEMBER),
  get("agreement texts in each language", ["series.$slug.agreements.$id_.texts.tsx"], agreement("/texts"), MEMBER),
  get("agreement DOCX", ["series.$slug.agreements.$id_.agreement[.]docx.ts"], agreement("/agreement.docx"), MEMBER),
  get("series languages", ["series.$slug.languages.tsx"], `${S}/languages`, LANGUAGES),
  get("conference title in each language", ["series.$slug.conferences.$number.title.tsx"], conf(18, "/title"), MEMBER),
  get("new agreement form", ["series.$slug.agreements.new.tsx"], `${S}/agreements/new`, SECRETARIAT),
  get("conference", ["series.$slug.conferences.$number._index.tsx"], conf(18), MEMBER),
  get("conference review", ["series.$slug.conferences.$number.review.tsx"], conf(18, "/review"), MEMBER),
  get("conference record", ["series.$slug.conferences.$number.record.tsx"], conf(17, "/record"), MEMBER),
  get("record DOCX", ["series.$slug.conferences.$number.record[.]docx.ts"], conf(17, "/record.docx"), MEMBER),
  get("record Markdown", ["series.$slug.conferences.$number.record[.]md.ts"], conf(17, "/record.md"), MEMBER),
  get("lifecycle by GET", ["series.$slug.conferences.$number.lifecycle.tsx"], conf(18, "/lifecycle"), all(404)),
  get("versions", ["series.$slug.conferences.$number.versions._index.tsx"], conf(18, "/versions"), MEMBER),
  get("redline", ["series.$slug.conferences.$number.versions.compare.tsx"], conf(18, "/versions/compare"), MEMBER),
  get("redline as Word", ["series.$slug.conferences.$number.versions.compare[.]docx.ts"], conf(18, "/versions/compare.docx"), MEMBER),
  // "Mark as seen" by GET goes back to the conference, for whoever may see it.
  get("mark as seen by GET", ["series.$slug.conferences.$number.seen.tsx"], conf(18, "/seen"), { ...all("allow"), anonymous: "allow" }, { ok: [302] }),
  get("changes since the last visit", ["series.$slug.conferences.$number.changes.ts"], conf(18, "/changes"), MEMBER),
  get("a version", ["series.$slug.conferences.$number.versions.$id.tsx"], (c) => `${S}/conferences/18/versions/${one<{ id: number }>(c.dbPath, "SELECT min(id) AS id FROM document_versions").id}`, MEMBER),
  // The conclusion check: a page while in session, a redirect back to the agenda before.
  get("conclusion check", ["series.$slug.conferences.$number.conclude.tsx"], conf(18, "/conclude"), SECRETARIAT, { ok: [200, 303] }),
  get("new conference form", ["series.$slug.conferences.new.tsx"], `${S}/conferences/new`, SECRETARIAT),
  get("commitment", ["commitments.$id.tsx"], commitment, MEMBER),
  get("admin home", ["admin.tsx", "admin._index.tsx"], "/admin", ADMIN),
  get("admin agencies", ["admin.agencies.tsx"], "/admin/agencies", ADMIN),
  get("admin users", ["admin.users.tsx"], "/admin/users", ADMIN),
  get("admin series list", ["admin.series._index.tsx"], "/admin/series", ADMIN),
  get("admin series", ["admin.series.$slug.tsx"], `/admin/series/${SCRATCH}`, ADMIN),
  get("admin mail", ["admin.tsx", "admin.mail.tsx"], "/admin/mail", ADMIN),

  // ---- JSON API -----------------------------------------------------------
  api("API me", ["api.v1.me.ts"], "/api/v1/me", API_SIGNED_IN),
  api("API series list", ["api.v1.series._index.ts"], "/api/v1/series", API_SIGNED_IN),
  api("API series", ["api.v1.series.$slug.ts"], "/api/v1/series/vn-cn-anti-smuggling", API_MEMBER),
  api("API commitments", ["api.v1.series.$slug.commitments.ts"], "/api/v1/series/vn-cn-anti-smuggling/commitments", API_MEMBER),
  api("API agreements", ["api.v1.series.$slug.agreements.ts"], "/api/v1/series/vn-cn-anti-smuggling/agreements", API_MEMBER),
  api("API conference", ["api.v1.conferences.$id.ts"], (c) => `/api/v1/conferences/${c.ids.conf18}`, API_MEMBER),
  api("API unknown path", ["api.$.ts"], "/api/v1/nope", all(404), { ok: [404] }),
  { ...api("API is read-only", ["api.v1.series._index.ts", "api.$.ts"], "/api/v1/series", all(405)), kind: "api", method: "POST", fields: () => ({}) },
  // The description holds shapes, no data: public (decision 0043).
  api("API description", ["api.v1.openapi[.]json.ts"], "/api/v1/openapi.json", PUBLIC),

  // ---- commands -----------------------------------------------------------
  post("sign in", ["login.tsx"], "/login", (c) => ({ email: c.role === "anonymous" ? EMAIL.observer : EMAIL[c.role], password: DEMO_PASSWORD }), PUBLIC, { freshSession: true }),
  post("sign out", ["logout.tsx"], "/logout", {}, PUBLIC, { freshSession: true }),
  post("choose language", ["settings.language.tsx"], "/settings/language", { locale: "en", redirectTo: "/" }, PUBLIC),
  post("create first administrator (unknown token)", ["setup.$token.tsx"], "/setup/not-a-real-token", { name: "Matrix Admin", email: "matrix.admin@x.test", password: "long enough password", confirm: "long enough password" }, PUBLIC, { ok: [404], freshSession: true }),
  post("accept invitation (unknown token)", ["invite.$token.tsx"], "/invite/not-a-real-token", { password: "long enough password", confirm: "long enough password" }, PUBLIC, { ok: [400], freshSession: true }),
  post("account: language", ["account.tsx"], "/account", { intent: "language", locale: "en" }, SIGNED_IN),
  // A wrong current password: gets past the gate, changes nothing (a real change would end the other sessions).
  post("account: password", ["account.tsx"], "/account", { intent: "password", currentPassword: "not the password", newPassword: "another long password", confirmPassword: "another long password" }, SIGNED_IN, { ok: [400] }),
  post("notifications: mark all read", ["notifications._index.tsx"], "/notifications", { intent: "readAll" }, SIGNED_IN),
  post("stop a kind of mail (unknown token)", ["notifications.stop.$token.tsx"], "/notifications/stop/not-a-real-token", {}, PUBLIC, { ok: [404] }),
  post("series settings: review notice days", ["series.$slug.settings.tsx"], `${S}/settings`, { reviewNoticeDays: "14" }, CONFIGURE),
  // Someone else's notification answers as one that does not exist.
  post("notifications: mark another's read", ["notifications._index.tsx"], "/notifications", { intent: "read", id: "999999999" }, { ...all(404), anonymous: "login" }),
  post(
    "notification settings: save",
    ["notifications.settings.tsx"],
    "/notifications/settings",
    { assigned: "immediate", due: "immediate", overdue: "digest", shareAwaited: "immediate", statusChanged: "immediate", reviewReady: "immediate", concluded: "off", mentioned: "immediate", weeklySummary: "immediate", timeZone: "" },
    SIGNED_IN,
  ),
  post("calendar feed: make an address", ["notifications.settings.tsx"], "/notifications/settings", { intent: "createFeed" }, SIGNED_IN),
  post("calendar feed: stop", ["notifications.settings.tsx"], "/notifications/settings", { intent: "removeFeed" }, SIGNED_IN),
  post("account: create token", ["account.tsx"], "/account", { intent: "createToken", name: "matrix" }, SIGNED_IN),
  post("account: revoke token", ["account.tsx"], "/account", (c) => ({ intent: "revokeToken", id: String(c.role === "anonymous" ? 1 : one<{ id: number }>(c.dbPath, "SELECT max(t.id) AS id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ?", EMAIL[c.role]).id) }), SIGNED_IN),

  post("commitment: status", ["commitments.$id.tsx"], commitment, (c) => ({ intent: "status", to: c.role === "secretariat" ? "in_progress" : "blocked", note: "matrix", reason: "matrix" }), PROGRESS),
  // A party speaks only for itself (issue 11): a delegate's drop is a proposal; the secretariat drops.
  post("commitment: drop (a delegate only proposes)", ["commitments.$id.tsx"], byId("parcels"), { intent: "status", to: "dropped", reason: "matrix" }, PROGRESS),
  // Taking back a drop proposal: the owner's own request, or the secretariat declining it (nothing pending is allowed and changes nothing).
  post("commitment: withdraw a drop proposal", ["commitments.$id.tsx"], commitment, { intent: "withdrawDrop" }, PROGRESS),
  post("joint commitment: confirm one's own share", ["commitments.$id.tsx"], byId("monthly"), { intent: "status", to: "done", note: "matrix" }, JOINT_OWNERS),
  // Done by now, both shares confirmed: a delegate would undo the other owner's share.
  post("joint commitment: back from done", ["commitments.$id.tsx"], byId("monthly"), { intent: "status", to: "in_progress" }, SECRETARIAT),
  post("joint commitment: reopen a dropped one", ["commitments.$id.tsx"], byId("cigarettes"), { intent: "status", to: "open" }, SECRETARIAT),
  // Dropped once both owners have asked (the secretariat's request then changes nothing, and is allowed).
  post("joint commitment: drop by every owner together", ["commitments.$id.tsx"], byId("wco"), { intent: "status", to: "dropped", reason: "matrix" }, JOINT_OWNERS),
  post("commitment: follow-up", ["commitments.$id.tsx"], commitment, { intent: "followUp", note: "Matrix follow-up." }, PROGRESS),
  post("commitment: owners", ["commitments.$id.tsx"], commitment, (c) => [["intent", "owners"], ["owners", String(c.ids.agencies.GACC)]], SECRETARIAT),
  post("commitment: due", ["commitments.$id.tsx"], commitment, { intent: "due", dueKind: "date", dueOn: "2027-06-30" }, SECRETARIAT),
  post("commitment: text", ["commitments.$id.tsx"], commitment, { intent: "text", text: "Share findings on the use of AI against customs fraud" }, SECRETARIAT),
  post("commitment: text in another language", ["commitments.$id.tsx"], commitment, { intent: "translation", field: "text", language: "zh", text: "分享利用人工智能打击海关欺诈的经验" }, SECRETARIAT),
  // The owner's own note (GACC's, written by the follow-up row above): its party and the secretariats give it other languages.
  post(
    "commitment: a note in another language",
    ["commitments.$id.tsx"],
    commitment,
    (c) => {
      // None yet where every command is refused (cross-site): any id will do, the request never gets that far.
      const note = one<{ id: number; base: string } | undefined>(c.dbPath, "SELECT id, base_language AS base FROM follow_ups WHERE commitment_id = ? AND agency_id = ? ORDER BY id DESC LIMIT 1", c.ids.commitment, c.ids.agencies.GACC) ?? { id: 1, base: "vi" };
      // Whichever working language the note is not written in.
      return note.base === "zh"
        ? { intent: "translation", field: "note", followUpId: String(note.id), language: "vi", text: "Ghi chú theo dõi của ma trận." }
        : { intent: "translation", field: "note", followUpId: String(note.id), language: "zh", text: "矩阵进展说明。" };
    },
    PROGRESS,
  ),
  post("series languages: set", ["series.$slug.languages.tsx"], `${S}/languages`, [["languages", "vi"], ["languages", "zh"], ["authentic", "vi"], ["authentic", "zh"]], LANGUAGES),
  post("conference title in another language", ["series.$slug.conferences.$number.title.tsx"], conf(18, "/title"), { intent: "translation", field: "title", language: "zh", text: "矩阵会议" }, SECRETARIAT),
  post("agreement clause in another language", ["series.$slug.agreements.$id_.texts.tsx"], agreement("/texts"), (c) => ({ intent: "translation", field: "text", clauseId: String(c.ids.makeClause), language: "zh", text: "矩阵条款" }), SECRETARIAT),

  post("new conference", ["series.$slug.conferences.new.tsx"], `${S}/conferences/new`, { number: "20", title: "Matrix conference", startsOn: "2027-03-01", endsOn: "2027-03-02", format: "online" }, SECRETARIAT),
  post("review a carried commitment", ["series.$slug.conferences.$number.review.tsx"], conf(19, "/review"), (c) => ({ commitmentId: String(c.ids.commitment), outcome: "carried" }), SECRETARIAT),
  post("comment on an agenda item", ["series.$slug.conferences.$number._index.tsx"], conf(18, "?index"), { intent: "comment", target: "item:matrix", body: "Matrix comment", parentId: "" }, MEMBER_WRITES),
  post("resolve a comment", ["series.$slug.conferences.$number._index.tsx"], conf(18, "?index"), (c) => ({ intent: "resolveComment", commentId: String(one<{ id: number }>(c.dbPath, "SELECT min(id) AS id FROM comments").id) }), SECRETARIAT),
  post("comment on a commitment", ["commitments.$id.tsx"], commitment, { intent: "comment", target: "commitment", body: "Matrix comment", parentId: "" }, MEMBER_WRITES),
  post("take a version", ["series.$slug.conferences.$number.versions._index.tsx"], conf(18, "/versions"), { name: "Matrix version" }, SECRETARIAT),
  post("mark a conference as seen", ["series.$slug.conferences.$number.seen.tsx"], conf(18, "/seen"), {}, MEMBER),
  post(
    "restore from a version",
    ["series.$slug.conferences.$number.versions.$id.tsx"],
    (c) => `${S}/conferences/18/versions/${one<{ id: number }>(c.dbPath, "SELECT min(id) AS id FROM document_versions").id}`,
    { intent: "restoreAll" },
    SECRETARIAT,
  ),
  post("lifecycle: open", ["series.$slug.conferences.$number.lifecycle.tsx"], conf(19, "/lifecycle"), { intent: "open" }, SECRETARIAT),
  post("lifecycle: conclude", ["series.$slug.conferences.$number.lifecycle.tsx"], conf(19, "/lifecycle"), { intent: "conclude" }, SECRETARIAT),

  post("new agreement", ["series.$slug.agreements.new.tsx"], `${S}/agreements/new`, (c) => [["title", "Matrix MoU"], ["status", "draft"], ["parties", String(c.ids.agencies.VNC)], ["parties", String(c.ids.agencies.GACC)]], SECRETARIAT),
  post("agreement: update", ["series.$slug.agreements.$id.tsx"], agreement(), (c) => {
    const a = one<{ title: string; status: string; signed_on: string | null; signed_at: string | null; valid_from: string | null; valid_until: string | null; conference_id: number | null }>(c.dbPath, "SELECT * FROM agreements WHERE id = ?", c.ids.agreement);
    const parties = withDb(c.dbPath, (db) => db.prepare("SELECT agency_id FROM agreement_parties WHERE agreement_id = ?").all(c.ids.agreement) as { agency_id: number }[]);
    return [
      ["intent", "update"],
      ["title", a.title],
      ["status", a.status],
      ["signedOn", a.signed_on ?? ""],
      ["signedAt", a.signed_at ?? ""],
      ["validFrom", a.valid_from ?? ""],
      ["validUntil", a.valid_until ?? ""],
      ["conferenceId", a.conference_id ? String(a.conference_id) : ""],
      ...parties.map((p): [string, string] => ["parties", String(p.agency_id)]),
    ];
  }, SECRETARIAT),
  post("agreement: add signatory", ["series.$slug.agreements.$id.tsx"], agreement(), { intent: "addSignatory", name: "Matrix Signatory" }, SECRETARIAT),
  post("agreement: remove signatory", ["series.$slug.agreements.$id.tsx"], agreement(), (c) => ({ intent: "removeSignatory", id: latest("signatories")(c) }), SECRETARIAT),
  post("agreement: add clause", ["series.$slug.agreements.$id.tsx"], agreement(), { intent: "addClause", text: "Matrix clause." }, SECRETARIAT),
  post("agreement: edit clause", ["series.$slug.agreements.$id.tsx"], agreement(), (c) => ({ intent: "editClause", id: latest("clauses")(c), text: "Matrix clause, edited." }), SECRETARIAT),
  post("agreement: remove clause", ["series.$slug.agreements.$id.tsx"], agreement(), (c) => ({ intent: "removeClause", id: latest("clauses")(c) }), SECRETARIAT),
  post("agreement: clause to commitment", ["series.$slug.agreements.$id.tsx"], agreement(), (c) => [["intent", "makeCommitment"], ["clauseId", String(c.ids.makeClause)], ["text", "Matrix commitment"], ["owners", String(c.ids.agencies.VNC)], ["dueKind", "next"]], SECRETARIAT),
  {
    ...post("agreement: upload document", ["series.$slug.agreements.$id.tsx"], agreement(), {}, SECRETARIAT),
    fields: undefined,
    multipart: () => {
      const form = new FormData();
      form.append("intent", "upload");
      form.append("document", new Blob([new Uint8Array(pdfBytes("matrix"))], { type: "application/pdf" }), "matrix.pdf");
      return form;
    },
  },
  get("agreement document", ["series.$slug.agreements.$id_.document.ts"], agreement("/document"), MEMBER),
  post("agreement: remove document", ["series.$slug.agreements.$id.tsx"], agreement(), { intent: "removeDocument" }, SECRETARIAT),

  post("admin: create agency", ["admin.agencies.tsx"], "/admin/agencies", { intent: "create", code: "MTXC", name: "Matrix created", country: "VN" }, ADMIN),
  post("admin: update agency", ["admin.agencies.tsx"], "/admin/agencies", (c) => ({ intent: "update", id: String(c.ids.scratchAgency), code: "MTXS", name: "Matrix scratch (renamed)", country: "VN" }), ADMIN),
  post("admin: create user", ["admin.users.tsx"], "/admin/users", { intent: "create", name: "Matrix User", email: "matrix.user@x.test", password: "matrix user password" }, ADMIN),
  post("admin: sign a person out everywhere", ["admin.users.tsx"], "/admin/users", (c) => ({ intent: "signOutEverywhere", userId: c.ids.thang }), ADMIN),
  post("admin: invite user", ["admin.users.tsx"], "/admin/users", { intent: "invite", name: "Matrix Invitee", email: "matrix.invitee@x.test" }, ADMIN),
  // No invitation by that number (and no mail server here): past the gate, refused as invalid.
  post("admin: send an invitation again", ["admin.users.tsx"], "/admin/users", { intent: "resendInvitation", invitationId: "999999999" }, ADMIN, { ok: [400] }),
  post("admin: create series", ["admin.series._index.tsx"], "/admin/series", [["slug", "matrix-created"], ["name", "Matrix created"], ["parties", "VNC"], ["parties", "GACC"]], ADMIN),
  post("admin: update series", ["admin.series.$slug.tsx"], `/admin/series/${SCRATCH}`, [["intent", "update"], ["name", "Matrix scratch (renamed)"], ["parties", "VNC"], ["parties", "MTXS"]], ADMIN),
  post("admin: grant role", ["admin.series.$slug.tsx"], `/admin/series/${SCRATCH}`, (c) => ({ intent: "grant", userId: c.ids.thang, agencyId: String(c.ids.agencies.VNC), role: "observer" }), ADMIN),
  post("admin: revoke role", ["admin.series.$slug.tsx"], `/admin/series/${SCRATCH}`, (c) => ({ intent: "revoke", userId: c.ids.thang }), ADMIN),

  // ---- socket documents -----------------------------------------------------
  socket("planned conference document", (c) => `conference/${c.ids.conf18}`, SOCKET_LIVE),
  socket("concluded conference document (frozen)", (c) => `conference/${c.ids.conf17}`, SOCKET_FROZEN),
  socket("series register document", (c) => `series/${c.ids.seriesId}/register`, SOCKET_SIGNAL),
  // VNC's own notes: every VNC member writes; the other party, other series and the administrator are refused.
  socket("VNC's private notes on a conference", (c) => `conference/${c.ids.conf18}/private/${c.ids.agencies.VNC}`, {
    ...all(403),
    anonymous: 401,
    secretariat: "write",
    delegateOther: "write",
    observer: "write",
  }),
  socket("conference that does not exist", () => "conference/999999", { ...all(403), anonymous: 401 }),
];

/** Tables a refused request may legitimately touch: its audit entry, session activity. */
const UNFINGERPRINTED = new Set(["audit_events", "sessions", "signin_failures"]);

/** A digest of every row of every table that a refused command must leave alone. */
export function fingerprint(dbPath: string): string {
  return withDb(dbPath, (db) => {
    const hash = createHash("sha256");
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      if (UNFINGERPRINTED.has(name)) continue;
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "bigint" ? String(v) : v)));
      }
    }
    return hash.digest("hex");
  });
}

export function routeFiles(): string[] {
  return readdirSync(path.join(ROOT, "app/routes")).sort();
}

export async function signedIn(server: TestServer, role: Role): Promise<HttpClient> {
  if (role === "anonymous") return new HttpClient(server.url);
  return new HttpClient(server.url).signIn(EMAIL[role], DEMO_PASSWORD);
}

/** Signs every role in and makes the scratch things the table's commands act on. */
export async function prepareMatrix(server: TestServer): Promise<{ ids: Ids; clients: Map<Role, HttpClient> }> {
  const dbPath = server.dbPath;
  const clients = new Map<Role, HttpClient>();
  for (const role of ROLES) clients.set(role, await signedIn(server, role));
  const admin = clients.get("admin")!;
  const lan = clients.get("secretariat")!;
  // Scratch things for the admin commands and the lifecycle, so the demo story stays intact.
  expect((await admin.postForm("/admin/agencies", { intent: "create", code: "MTXS", name: "Matrix scratch", country: "VN" })).status).toBe(200);
  expect((await admin.postForm("/admin/series", [["slug", SCRATCH], ["name", "Matrix scratch"], ["parties", "VNC"], ["parties", "MTXS"]])).status).toBe(303);
  expect((await lan.postForm(`${S}/conferences/new`, { number: "19", title: "Matrix lifecycle", startsOn: "2027-01-10", endsOn: "2027-01-11", format: "online" })).status).toBe(303);
  const agencies = Object.fromEntries(
    withDb(dbPath, (db) => db.prepare("SELECT code, id FROM agencies").all() as { code: string; id: number }[]).map((a) => [a.code, a.id]),
  );
  const seriesId = one<{ id: number }>(dbPath, "SELECT id FROM series WHERE slug = 'vn-cn-anti-smuggling'").id;
  const confId = (n: number) => one<{ id: number }>(dbPath, "SELECT id FROM conferences WHERE series_id = ? AND number = ?", seriesId, n).id;
  const agreementId = one<{ id: number }>(dbPath, "SELECT min(id) AS id FROM agreements WHERE series_id = ?", seriesId).id;
  expect((await lan.postForm(`${S}/agreements/${agreementId}`, { intent: "addClause", text: "Clause to become a commitment." })).status).toBe(200);
  // A version of the 18th conference to read.
  expect((await lan.postForm(`${S}/conferences/18/versions`, { name: "Matrix version to read" })).status).toBe(200);
  const ids: Ids = {
    seriesId,
    conf17: confId(17),
    conf18: confId(18),
    conf19: confId(19),
    commitment: one<{ id: number }>(dbPath, "SELECT id FROM commitments WHERE text LIKE 'Share findings on the use of AI%'").id,
    more: {
      parcels: one<{ id: number }>(dbPath, "SELECT id FROM commitments WHERE text LIKE 'Pilot the exchange of risk profiles%'").id,
      monthly: one<{ id: number }>(dbPath, "SELECT id FROM commitments WHERE text LIKE 'Exchange information on high-risk consignments%'").id,
      wco: one<{ id: number }>(dbPath, "SELECT id FROM commitments WHERE text LIKE 'Keep the Mekong Dragon campaign going%'").id,
      cigarettes: one<{ id: number }>(dbPath, "SELECT id FROM commitments WHERE text LIKE 'Set up a joint working group on cigarette smuggling%'").id,
    },
    agreement: agreementId,
    makeClause: one<{ id: number }>(dbPath, "SELECT max(id) AS id FROM clauses WHERE agreement_id = ?", agreementId).id,
    scratchAgency: agencies.MTXS,
    thang: one<{ id: string }>(dbPath, "SELECT id FROM users WHERE email = 'thang.vu@quangninh.test'").id,
    agencies,
  };
  return { ids, clients };
}
