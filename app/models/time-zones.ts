// Time zones for quiet hours: a person's own, else their agency's, else one
// guessed from the agency's country when it has a single zone, else UTC.

const SINGLE_ZONE_COUNTRIES: Record<string, string> = {
  VN: "Asia/Ho_Chi_Minh",
  CN: "Asia/Shanghai",
  LA: "Asia/Vientiane",
  KH: "Asia/Phnom_Penh",
  TH: "Asia/Bangkok",
  MM: "Asia/Yangon",
  SG: "Asia/Singapore",
  PH: "Asia/Manila",
  KR: "Asia/Seoul",
  JP: "Asia/Tokyo",
  GB: "Europe/London",
  FR: "Europe/Paris",
  DE: "Europe/Berlin",
  BE: "Europe/Brussels",
};

const zoneCheck = new Map<string, boolean>();

/** True for an IANA zone name this runtime knows ("Asia/Ho_Chi_Minh", "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(value)) return false;
  let known = zoneCheck.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    zoneCheck.set(value, known);
  }
  return known;
}

/** The zones offered on the preferences page. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? Object.values(SINGLE_ZONE_COUNTRIES);
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function effectiveTimeZone(person: string | null, agency: string | null, country: string | null): string {
  if (person && isTimeZone(person)) return person;
  if (agency && isTimeZone(agency)) return agency;
  return (country && SINGLE_ZONE_COUNTRIES[country.toUpperCase()]) || "UTC";
}

/** Mail is not sent from 21:00 until 07:00 in the recipient's zone. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

/**
 * When `now` falls in the quiet hours of `zone`, the instant of the next 07:00
 * there (to the minute); otherwise null. Works from the local wall clock, so
 * on a night when the clocks change it may be an hour off, which is harmless.
 */
export function endOfQuietHours(now: Date, zone: string): Date | null {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  let minutesToGo: number;
  if (hour >= QUIET_FROM_HOUR) minutesToGo = (24 - hour + QUIET_UNTIL_HOUR) * 60 - minute;
  else if (hour < QUIET_UNTIL_HOUR) minutesToGo = (QUIET_UNTIL_HOUR - hour) * 60 - minute;
  else return null;
  const at = new Date(now.getTime() + minutesToGo * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}
