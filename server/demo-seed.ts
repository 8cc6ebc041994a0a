import * as Y from "yjs";
import { createCollabStore } from "../db/collab-store";
import type { DatabaseHandle } from "../db/connection";
import { DEMO_PASSWORD, demoAgencies, demoConferences, demoSeries, demoUsers } from "../db/seed/demo-data";
import { addAgendaItem, addDraftAction, readActions, readAgenda } from "../app/collab/conference-doc";
import { createAgency, getAgencyByCode } from "../app/models/agencies.server";
import type { Clock } from "../app/models/clock.server";
import { createConference } from "../app/models/conferences.server";
import { grantMembership } from "../app/models/memberships.server";
import { projectConference } from "../app/models/projection.server";
import { createSeries, getSeriesBySlug } from "../app/models/series.server";
import { createUser, findUserByEmail } from "../app/models/users.server";

/** Loads the demo story into a database that has no users yet. Returns whether it did. */
export async function seedDemoDataIfEmpty(handle: DatabaseHandle, clock: Clock): Promise<boolean> {
  const anyone = await handle.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyone) return false;
  await seedDemoData(handle, clock);
  return true;
}

export async function seedDemoData(handle: DatabaseHandle, clock: Clock): Promise<void> {
  const { db } = handle;
  for (const agency of demoAgencies) {
    if (!(await getAgencyByCode(db, agency.code))) await createAgency(db, clock, agency);
  }
  for (const series of demoSeries) {
    if (!(await getSeriesBySlug(db, series.slug))) {
      await createSeries(db, clock, { ...series, partyCodes: [...series.partyCodes] });
    }
  }
  for (const person of demoUsers) {
    const agency = person.agency ? await getAgencyByCode(db, person.agency) : undefined;
    const { id } = await createUser(db, clock, {
      email: person.email,
      name: person.name,
      password: DEMO_PASSWORD,
      isAdmin: person.isAdmin,
      agencyId: agency?.id ?? null,
      locale: person.locale,
    });
    for (const grant of person.roles) {
      const series = await getSeriesBySlug(db, grant.series);
      const party = await getAgencyByCode(db, grant.agency);
      if (!series || !party) throw new Error(`demo data: unknown series or agency in ${person.email}`);
      await grantMembership(db, clock, { seriesId: series.id, userId: id, agencyId: party.id, role: grant.role });
    }
  }
  await seedConferences(handle, clock);
}

async function seedConferences(handle: DatabaseHandle, clock: Clock) {
  const { db } = handle;
  const store = createCollabStore(handle);
  const admin = await findUserByEmail(db, "admin@accord.test");
  for (const demo of demoConferences) {
    const series = await getSeriesBySlug(db, demo.series);
    if (!series || !admin) continue;
    const host = demo.host ? await getAgencyByCode(db, demo.host) : undefined;
    const created = await createConference(db, clock, series.id, admin.id, {
      number: demo.number,
      title: demo.title,
      startsOn: demo.startsOn,
      endsOn: demo.endsOn,
      venue: demo.venue,
      format: demo.format,
      hostAgencyId: host?.id ?? null,
    });
    if (demo.status !== "planned") {
      await db.updateTable("conferences").set({ status: demo.status }).where("id", "=", created.id).execute();
    }
    // The document is written straight to storage: the hub is not running yet.
    const doc = new Y.Doc();
    for (const item of demo.agenda) {
      addAgendaItem(doc, {
        title: item.title,
        kind: item.kind,
        leadParty: item.lead ?? null,
        startTime: item.start ?? null,
        durationMinutes: item.minutes ?? null,
        notes: item.notes,
      });
    }
    for (const action of demo.actions) addDraftAction(doc, action);
    store.append(created.docName, Y.encodeStateAsUpdate(doc));
    await projectConference(db, created.id, readAgenda(doc), readActions(doc));
    doc.destroy();
  }
}
