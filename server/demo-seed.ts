import type { DB } from "../db/connection";
import { DEMO_PASSWORD, demoAgencies, demoSeries, demoUsers } from "../db/seed/demo-data";
import { createAgency, getAgencyByCode } from "../app/models/agencies.server";
import type { Clock } from "../app/models/clock.server";
import { grantMembership } from "../app/models/memberships.server";
import { createSeries, getSeriesBySlug } from "../app/models/series.server";
import { createUser } from "../app/models/users.server";

/** Loads the demo story into a database that has no users yet. Returns whether it did. */
export async function seedDemoDataIfEmpty(db: DB, clock: Clock): Promise<boolean> {
  const anyone = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyone) return false;
  await seedDemoData(db, clock);
  return true;
}

export async function seedDemoData(db: DB, clock: Clock): Promise<void> {
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
}
