import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { actionsOf, agendaOf } from "../../app/collab/conference-doc";
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

/**
 * Adds `conferences` concluded conferences × `perConference` commitments to
 * the demo series, with owners, follow-ups (some with figures) and reviews at
 * later conferences, straight into the tables (see db/migrations/0002, 0003).
 * Each new conference's document gets the same content as conference 18's.
 */
export function addCommitmentLoad(dbPath: string, conferences = 50, perConference = 200, seed = 7): CommitmentLoad {
  const random = prng(seed);
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
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

  const insertConference = db.prepare(
    `INSERT INTO conferences (series_id, number, title, starts_on, ends_on, venue, format, host_agency_id, status, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, 'in_person', ?, 'concluded', ?, ?)`,
  );
  const insertCommitment = db.prepare(
    `INSERT INTO commitments (series_id, conference_id, source_action_id, text, due_on, due_next, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOwner = db.prepare("INSERT INTO commitment_owners (commitment_id, agency_id, share_done_at, share_done_by) VALUES (?, ?, ?, ?)");
  const insertFollowUp = db.prepare(
    `INSERT INTO follow_ups (commitment_id, at, by, agency_id, note, figure_label, figure_value, figure_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReview = db.prepare(
    `INSERT INTO commitment_reviews (commitment_id, conference_id, outcome, note, reviewed_at, reviewed_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertDoc = db.prepare("INSERT INTO collab_updates (doc_name, data, created_at) VALUES (?, ?, ?)");

  const load: CommitmentLoad = { conferenceIds: [], docNames: [], commitments: 0, owners: 0, followUps: 0, reviews: 0 };
  const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
  db.transaction(() => {
    const starts: string[] = [];
    for (let c = 0; c < conferences; c += 1) {
      const startsOn = day("2009-01-10", c * 75);
      starts.push(startsOn);
      const { lastInsertRowid } = insertConference.run(
        series.id,
        101 + c,
        `Bench conference ${101 + c}`,
        startsOn,
        day(startsOn, 2),
        "Lạng Sơn",
        parties[c % parties.length],
        `${startsOn}T09:00:00.000Z`,
        secretariat.id,
      );
      const id = Number(lastInsertRowid);
      load.conferenceIds.push(id);
      load.docNames.push(`conference/${id}`);
      insertDoc.run(`conference/${id}`, template.data, `${startsOn}T09:00:00.000Z`);
    }
    for (let c = 0; c < conferences; c += 1) {
      const conferenceId = load.conferenceIds[c];
      for (let k = 0; k < perConference; k += 1) {
        const status = random.pick(STATUSES);
        const dueNext = random.next() < 0.3;
        const dueOn = dueNext ? null : day(starts[c], 60 + random.int(900));
        const text = `${random.pick(PHRASES)} (${101 + c}.${k + 1})`;
        const { lastInsertRowid } = insertCommitment.run(
          series.id,
          conferenceId,
          random.int(2 ** 31).toString(16),
          text,
          dueOn,
          dueNext ? 1 : 0,
          status,
          `${starts[c]}T09:00:00.000Z`,
          `${day(starts[c], random.int(400))}T09:00:00.000Z`,
        );
        const commitmentId = Number(lastInsertRowid);
        load.commitments += 1;
        const owners = random.next() < 0.4 ? parties : [random.pick(parties)];
        for (const agency of owners) {
          const shared = status !== "done" && random.next() < 0.2;
          insertOwner.run(commitmentId, agency, shared ? `${day(starts[c], 100)}T09:00:00.000Z` : null, shared ? secretariat.id : null);
          load.owners += 1;
        }
        const followUps = random.int(4);
        for (let f = 0; f < followUps; f += 1) {
          const by = random.pick(delegates);
          const figure = random.next() < 0.2 ? random.pick(FIGURES) : null;
          insertFollowUp.run(
            commitmentId,
            `${day(starts[c], 30 + f * 90 + random.int(60))}T09:00:00.000Z`,
            by.id,
            by.agency_id,
            "Progress reported by the owning agency.",
            figure ? figure[0] : null,
            figure ? 10 + random.int(5000) : null,
            figure ? figure[1] : null,
          );
          load.followUps += 1;
        }
        const reviews = Math.min(random.int(4), conferences - c - 1);
        for (let r = 1; r <= reviews; r += 1) {
          insertReview.run(commitmentId, load.conferenceIds[c + r], random.next() < 0.8 ? "carried" : null, "", `${starts[c + r]}T09:00:00.000Z`, secretariat.id);
          load.reviews += 1;
        }
      }
    }
  })();
  db.close();
  return load;
}
