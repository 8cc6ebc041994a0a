import type { TFunction } from "../i18n/i18n";
import { createEvents, type DateArray, type EventAttributes } from "ics";
import type { CommitmentView } from "../models/commitments.server";
import type { ConferenceSummary } from "../models/conferences.server";
import { markedText, type ShownLanguage } from "../models/parallel-text-rules";

/** `shown` says which language the title or text is in when it is not the reader's own (it is then marked). */
export type CalendarConference = Pick<ConferenceSummary, "id" | "number" | "title" | "status" | "startsOn" | "endsOn" | "venue" | "format"> & { shown?: ShownLanguage };
export type CalendarCommitment = Pick<CommitmentView, "id" | "text" | "owners" | "status" | "dueOn" | "agreedAt"> & { shown?: ShownLanguage };

/** "YYYY-MM-DD" as the date array `ics` writes as a DATE value. */
function dateArray(day: string): DateArray {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

/** The day after, for the exclusive DTEND of an all-day event (RFC 5545, 3.6.1). */
export function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Folds content lines at 75 octets (RFC 5545, 3.1). The `ics` library folds at
 * 75 characters, which Vietnamese and Chinese text turns into 150–225 octets;
 * this refolds its output by octets, never inside a UTF-8 sequence.
 */
export function foldOctets(ics: string): string {
  const encoder = new TextEncoder();
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  return lines
    .map((line) => {
      const parts: string[] = [];
      let current = "";
      let size = 0;
      let limit = 75;
      for (const char of line) {
        const bytes = encoder.encode(char).length;
        if (size + bytes > limit) {
          parts.push(current);
          current = "";
          size = 0;
          limit = 74; // a continuation line starts with one space
        }
        current += char;
        size += bytes;
      }
      parts.push(current);
      return parts.join("\r\n ");
    })
    .join("\r\n");
}

// Titles and texts are typed by people (and co-edited by raw clients): a bare
// CR or any other control character would end a content line early or make
// the file unreadable, and the `ics` library escapes only LF. One line of text
// gets every control character turned into a space; a multi-line text keeps
// its line breaks as LF (escaped as \\n by the library) and loses the rest.

/** One line of calendar text: no control character at all. */
export function calendarLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ");
}

/** Calendar text that may span lines: CR LF and bare CR become LF, other control characters a space. */
export function calendarText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/[^\P{Cc}\n]+/gu, " ");
}

/** UIDs stay the same from one download to the next, so calendars update events instead of duplicating them. */
export const conferenceUid = (slug: string, id: number) => `conference-${id}.${slug}@accord`;
export const dueUid = (slug: string, id: number) => `commitment-${id}-due.${slug}@accord`;

/**
 * The series as an iCalendar file: each conference as an all-day event over
 * its days, and each dated commitment (not dropped) as an all-day event on
 * its due date. Commitments due "by the next conference" have no date of
 * their own and are left out.
 */
export function seriesCalendar(input: SeriesCalendarInput): string {
  return writeCalendar(seriesCalendarEvents(input), input.series.name);
}

export interface SeriesCalendarInput {
  series: { slug: string; name: string };
  conferences: CalendarConference[];
  commitments: CalendarCommitment[];
  /** Absolute URL of the site, for links back to each conference. */
  origin: string;
  t: TFunction;
}

/** A series' events, for its own calendar or a person's feed across series (calendar-feed.server.ts). */
export function seriesCalendarEvents(input: SeriesCalendarInput): EventAttributes[] {
  const { series, t } = input;
  const conferenceEvents: EventAttributes[] = input.conferences.map((c) => ({
    uid: conferenceUid(series.slug, c.id),
    title: calendarLine(markedText(c.title, c.shown, t)),
    start: dateArray(c.startsOn),
    end: dateArray(dayAfter(c.endsOn)),
    location: calendarLine(c.format === "online" ? t("conference.online") : c.venue),
    description: calendarText(`${series.name}\n${t("conference.status")}: ${t(`conference.statuses.${c.status}`)}`),
    url: `${input.origin}/series/${series.slug}/conferences/${c.number}`,
    categories: [t("exports.calendarConference")],
    transp: "OPAQUE",
  }));
  const dueEvents: EventAttributes[] = input.commitments
    .filter((c) => c.dueOn && c.status !== "dropped")
    .map((c) => ({
      uid: dueUid(series.slug, c.id),
      title: calendarLine(t("exports.calendarDue", { text: markedText(c.text, c.shown, t) })),
      start: dateArray(c.dueOn!),
      end: dateArray(dayAfter(c.dueOn!)),
      description: calendarText(
        [
          `${t("commitment.owners")}: ${c.owners.map((o) => o.code).join(", ")}`,
          `${t("commitment.status")}: ${t(`commitment.statuses.${c.status}`)}`,
          t("commitment.agreedAt", { number: c.agreedAt.number }),
        ].join("\n"),
      ),
      url: `${input.origin}/commitments/${c.id}`,
      categories: [t("exports.calendarCommitment")],
      transp: "TRANSPARENT",
    }));
  return [...conferenceEvents, ...dueEvents];
}

export function writeCalendar(events: EventAttributes[], name: string): string {
  const { error, value } = createEvents(events, {
    productId: "-//Accord//Series calendar//EN",
    calName: calendarLine(name),
  });
  if (error || value === null) throw error ?? new Error("calendar could not be written");
  return foldOctets(value);
}
