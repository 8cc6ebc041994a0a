import type { DB } from "../../db/connection";
import type { Clock } from "../../app/models/clock.server";
import { createAgency } from "../../app/models/agencies.server";
import { createCommitment } from "../../app/models/commitments.server";
import { createConference } from "../../app/models/conferences.server";
import { grantMembership } from "../../app/models/memberships.server";
import { createSeries } from "../../app/models/series.server";
import { createUser } from "../../app/models/users.server";
import type { Locale } from "../../app/i18n/locales";

/**
 * A series of its own for notification tests (not the demo's): two parties,
 * AAx (Vietnam) and BBx (China), with a Vietnamese-speaking delegate and an
 * English-speaking secretariat for the first, a Chinese-speaking delegate and
 * an observer for the second.
 */
export async function buildNotifyWorld(db: DB, clock: Clock, suffix: string, password: string | null = null) {
  const agencyA = await createAgency(db, clock, { code: `AA${suffix}`, name: `Hải quan thử nghiệm ${suffix}`, country: "VN" });
  const agencyB = await createAgency(db, clock, { code: `BB${suffix}`, name: `测试海关 ${suffix}`, country: "CN" });
  const person = async (key: string, name: string, locale: Locale, agencyId: number) => {
    const { id, email } = await createUser(db, clock, { email: `${key}.${suffix}@notify.test`.toLowerCase(), name, password, locale, agencyId });
    return { id, email, name, locale };
  };
  const viDelegate = await person("vi", "Đỗ Văn An", "vi", agencyA.id);
  const enSecretariat = await person("en", "Alice Moore", "en", agencyA.id);
  const zhDelegate = await person("zh", "王芳", "zh", agencyB.id);
  const zhObserver = await person("obs", "陈静", "zh", agencyB.id);
  const slug = `notify-${suffix}`.toLowerCase();
  const { id: seriesId } = await createSeries(db, clock, { slug, name: `Mekong ${suffix}`, description: "", partyCodes: [`AA${suffix}`, `BB${suffix}`] });
  await grantMembership(db, clock, { seriesId, userId: viDelegate.id, agencyId: agencyA.id, role: "delegate" });
  await grantMembership(db, clock, { seriesId, userId: enSecretariat.id, agencyId: agencyA.id, role: "secretariat" });
  await grantMembership(db, clock, { seriesId, userId: zhDelegate.id, agencyId: agencyB.id, role: "delegate" });
  await grantMembership(db, clock, { seriesId, userId: zhObserver.id, agencyId: agencyB.id, role: "observer" });
  const conference = await createConference(db, clock, seriesId, enSecretariat.id, {
    number: 1,
    title: "First",
    startsOn: "2020-01-01",
    endsOn: "2020-01-02",
    venue: "",
    format: "online",
    hostAgencyId: null,
  });
  const commit = (text: string, owners: number[], dueOn: string | null) =>
    createCommitment(db, clock, null, { seriesId, conferenceId: conference.id, text, baseLanguage: "en", ownerAgencyIds: owners, dueOn, dueNext: false });
  return { agencyA, agencyB, viDelegate, enSecretariat, zhDelegate, zhObserver, seriesId, slug, conferenceId: conference.id, commit };
}

export function daysFrom(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
