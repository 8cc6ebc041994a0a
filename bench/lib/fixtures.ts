import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { actionsOf, agendaOf } from "../../app/collab/conference-doc";
import { isPostgresUrl } from "../../db/dialect";
import { loadStoredDoc } from "../../test/helpers/collab";
import { withDb } from "../../test/helpers/db";
import { makeTempDir, startServer } from "../../test/helpers/server";
import { SERIES } from "./servers";

/** A small seeded PRNG (mulberry32), so every run builds the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}

/** A migrated database with the demo data, made by the real server once per run. */
export async function createTemplateDb(): Promise<string> {
  const server = await startServer({ demo: true });
  const force = setTimeout(() => void server.kill("SIGKILL"), 20_000);
  await server.stop();
  clearTimeout(force);
  return server.dbPath;
}

/** A consistent copy of a (WAL-mode) database into a fresh temporary folder. */
export function copyDb(src: string, name = "accord.db"): string {
  const dst = path.join(makeTempDir(), name);
  withDb(src, (db) => db.prepare("VACUUM INTO ?").run(dst));
  return dst;
}

export function docNameOf(dbPath: string, slug: string, number: number): string {
  return withDb(dbPath, (db) => {
    const row = db
      .prepare("SELECT c.id FROM conferences c JOIN series s ON s.id = c.series_id WHERE s.slug = ? AND c.number = ?")
      .get(slug, number) as { id: number } | undefined;
    if (!row) throw new Error(`no conference ${number} in ${slug}`);
    return `conference/${row.id}`;
  });
}

function textsOf(doc: Y.Doc): Y.Text[] {
  const texts: Y.Text[] = [];
  for (const item of agendaOf(doc).values()) {
    const title = item.get("title");
    if (title instanceof Y.Text) texts.push(title);
  }
  for (const item of actionsOf(doc).values()) {
    const text = item.get("text");
    if (text instanceof Y.Text) texts.push(text);
  }
  return texts;
}

/**
 * Appends `count` stored updates to a document as a person typing would make
 * them: one character per update, mostly at a cursor that moves forward,
 * sometimes elsewhere, sometimes a deletion. Returns the document's final state.
 */
export function appendTypingUpdates(dbPath: string, docName: string, count: number, seed = 1): Uint8Array {
  const doc = loadStoredDoc(dbPath, docName);
  const texts = textsOf(doc);
  if (texts.length === 0) throw new Error(`${docName} has no texts to type into`);
  const random = prng(seed);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const letters = "abcdefghijklmnopqrstuvwxyz      ";
  let text = texts[0];
  let cursor = text.length;
  for (let i = 0; i < count; i += 1) {
    if (i % 200 === 0) {
      text = random.pick(texts);
      cursor = text.length;
    }
    const roll = random.next();
    if (roll < 0.05 && text.length > 0) {
      const at = random.int(text.length);
      text.delete(at, 1);
      if (cursor > at) cursor -= 1;
    } else if (roll < 0.15) {
      text.insert(random.int(text.length + 1), random.pick([...letters]));
    } else {
      cursor = Math.min(cursor, text.length);
      text.insert(cursor, random.pick([...letters]));
      cursor += 1;
    }
  }
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  const insert = db.prepare("INSERT INTO collab_updates (doc_name, data, created_at) VALUES (?, ?, ?)");
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const update of updates) insert.run(docName, Buffer.from(update), now);
  })();
  db.close();
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export interface CommitmentLoad {
  conferenceIds: number[];
  docNames: string[];
  commitments: number;
  owners: number;
  followUps: number;
  reviews: number;
}

const PHRASES = [
  "Exchange information on smuggling routes and methods through the hotline",
  "Hold joint patrols along the border section at the agreed checkpoints",
  "Share risk profiles for goods declared at the border gates",
  "Train officers on detecting counterfeit goods and false declarations",
  "Report seizures of wildlife products and coordinate the follow-up",
  "Set up a working group on e-commerce consignments crossing the border",
  "Harmonise the procedures for controlled deliveries of drugs",
  "Publish a joint annual report on the results of cooperation",
];
const FIGURES = [
  ["items of information exchanged", "items"],
  ["joint patrols held", "patrols"],
  ["officers trained", "people"],
  ["seizures reported", "cases"],
  ["value of goods seized", "USD"],
  ["risk profiles shared", "profiles"],
] as const;
const STATUSES = ["open", "in_progress", "in_progress", "done", "done", "blocked", "dropped", "open"] as const;

type Row = Record<string, unknown>;

/** Inserts rows many to a statement: one round trip per few hundred rows, which matters on PostgreSQL's test connection. */
function insertRows(db: Pick<Database.Database, "prepare">, table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const chunk = Math.max(1, Math.floor(4000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`).run(...part.flatMap((row) => columns.map((c) => row[c])));
  }
}

/**
 * Adds `conferences` concluded conferences × `perConference` commitments to
 * the demo series, with owners, follow-ups (some with figures) and reviews at
 * later conferences, straight into the tables (see db/migrations/0002, 0003).
 * Each new conference's document gets the same content as conference 18's.
 * The same rows on SQLite or, given a postgres:// URL, on PostgreSQL
 * (test/helpers/db.ts); ids are chosen here, after the highest in use.
 */
export function addCommitmentLoad(dbPath: string, conferences = 50, perConference = 200, seed = 7): CommitmentLoad {
  return withDb(dbPath, (db) => {
    const random = prng(seed);
    const series = db.prepare("SELECT id FROM series WHERE slug = ?").get(SERIES) as { id: number };
    const parties = (db.prepare("SELECT agency_id FROM series_parties WHERE series_id = ? ORDER BY position").all(series.id) as {
      agency_id: number;
    }[]).map((p) => p.agency_id);
    const delegates = db
      .prepare("SELECT u.id, m.agency_id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.series_id = ? AND m.role IN ('delegate', 'secretariat')")
      .all(series.id) as { id: string; agency_id: number }[];
    const secretariat = db
      .prepare("SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.series_id = ? AND m.role = 'secretariat'")
      .get(series.id) as { id: string };
    const template = db.prepare("SELECT data FROM collab_updates WHERE doc_name = ?").get(docNameOf(dbPath, SERIES, 18)) as { data: Buffer };
    const highest = (table: string) => Number((db.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number | string }).n);
    let conferenceId = highest("conferences");
    let commitmentId = highest("commitments");

    const rows = { conferences: [] as Row[], commitments: [] as Row[], owners: [] as Row[], followUps: [] as Row[], reviews: [] as Row[], docs: [] as Row[] };
    const load: CommitmentLoad = { conferenceIds: [], docNames: [], commitments: 0, owners: 0, followUps: 0, reviews: 0 };
    const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
    const starts: string[] = [];
    for (let c = 0; c < conferences; c += 1) {
      const startsOn = day("2009-01-10", c * 75);
      starts.push(startsOn);
      const id = ++conferenceId;
      rows.conferences.push({
        id,
        series_id: series.id,
        number: 101 + c,
        title: `Bench conference ${101 + c}`,
        starts_on: startsOn,
        ends_on: day(startsOn, 2),
        venue: "Lạng Sơn",
        format: "in_person",
        host_agency_id: parties[c % parties.length],
        status: "concluded",
        created_at: `${startsOn}T09:00:00.000Z`,
        created_by: secretariat.id,
      });
      load.conferenceIds.push(id);
      load.docNames.push(`conference/${id}`);
      rows.docs.push({ doc_name: `conference/${id}`, data: template.data, created_at: `${startsOn}T09:00:00.000Z` });
    }
    for (let c = 0; c < conferences; c += 1) {
      for (let k = 0; k < perConference; k += 1) {
        const status = random.pick(STATUSES);
        const dueNext = random.next() < 0.3;
        const dueOn = dueNext ? null : day(starts[c], 60 + random.int(900));
        const text = `${random.pick(PHRASES)} (${101 + c}.${k + 1})`;
        const id = ++commitmentId;
        rows.commitments.push({
          id,
          series_id: series.id,
          conference_id: load.conferenceIds[c],
          source_action_id: random.int(2 ** 31).toString(16),
          text,
          due_on: dueOn,
          due_next: dueNext ? 1 : 0,
          status,
          created_at: `${starts[c]}T09:00:00.000Z`,
          updated_at: `${day(starts[c], random.int(400))}T09:00:00.000Z`,
        });
        load.commitments += 1;
        const owners = random.next() < 0.4 ? parties : [random.pick(parties)];
        for (const agency of owners) {
          const shared = status !== "done" && random.next() < 0.2;
          rows.owners.push({
            commitment_id: id,
            agency_id: agency,
            share_done_at: shared ? `${day(starts[c], 100)}T09:00:00.000Z` : null,
            share_done_by: shared ? secretariat.id : null,
          });
          load.owners += 1;
        }
        const followUps = random.int(4);
        for (let f = 0; f < followUps; f += 1) {
          const by = random.pick(delegates);
          const figure = random.next() < 0.2 ? random.pick(FIGURES) : null;
          rows.followUps.push({
            commitment_id: id,
            at: `${day(starts[c], 30 + f * 90 + random.int(60))}T09:00:00.000Z`,
            by: by.id,
            agency_id: by.agency_id,
            note: "Progress reported by the owning agency.",
            figure_label: figure ? figure[0] : null,
            figure_value: figure ? 10 + random.int(5000) : null,
            figure_unit: figure ? figure[1] : null,
          });
          load.followUps += 1;
        }
        const reviews = Math.min(random.int(4), conferences - c - 1);
        for (let r = 1; r <= reviews; r += 1) {
          rows.reviews.push({
            commitment_id: id,
            conference_id: load.conferenceIds[c + r],
            outcome: random.next() < 0.8 ? "carried" : null,
            note: "",
            reviewed_at: `${starts[c + r]}T09:00:00.000Z`,
            reviewed_by: secretariat.id,
          });
          load.reviews += 1;
        }
      }
    }

    const postgres = isPostgresUrl(dbPath);
    db.exec("BEGIN");
    try {
      // On PostgreSQL each row's trigger raises the series' revision (migration 0004): tens of
      // thousands of updates of one row in one transaction take minutes. Raised once at the end instead.
      if (postgres) db.exec("SET LOCAL session_replication_role = replica");
      insertRows(db, "conferences", rows.conferences);
      insertRows(db, "collab_updates", rows.docs);
      insertRows(db, "commitments", rows.commitments);
      insertRows(db, "commitment_owners", rows.owners);
      insertRows(db, "follow_ups", rows.followUps);
      insertRows(db, "commitment_reviews", rows.reviews);
      // SQLite moves its counters past explicit ids by itself; PostgreSQL's identity sequences do not.
      if (postgres) {
        for (const table of ["conferences", "commitments"]) {
          db.prepare(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`).get();
        }
        db.prepare("UPDATE series_revisions SET revision = revision + 1 WHERE series_id = ?").run(series.id);
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    return load;
  });
}
