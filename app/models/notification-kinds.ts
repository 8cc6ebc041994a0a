import type { TextsInEveryLanguage } from "./parallel-text-rules";

// The kinds of notification a person can choose about (shared by the
// preferences page, the list and the server). Reminders for 14 and 3 days
// before a due date are one kind, "due": one choice covers both.

export const NOTIFICATION_KINDS = ["assigned", "due", "overdue", "shareAwaited", "statusChanged", "reviewReady", "concluded", "mentioned", "weeklySummary"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERIES = ["immediate", "digest", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * How many days before a conference its review list is announced: each series
 * chooses within these bounds (series.review_notice_days); two weeks, what
 * secretariats use to prepare, unless its secretariat says otherwise.
 */
export const REVIEW_NOTICE_DAYS = { default: 14, min: 1, max: 60 } as const;

/** The kind of the one mail a day that gathers the notifications a person chose to get in a digest. */
export const DIGEST_KIND = "digest";

export interface DigestItem {
  kind: NotificationKind;
  params: NotificationParams;
  path: string;
}

/** What a notification's texts may use; every field optional, filled per kind. */
export interface NotificationParams {
  series?: string;
  /** The series' name per language, where it was given one (series-names.server.ts): each reader reads theirs. */
  seriesIn?: Record<string, string>;
  commitment?: string;
  /** The commitment's text in every language, when there are others than `commitment`'s: each reader reads theirs. */
  commitmentIn?: TextsInEveryLanguage;
  dueOn?: string;
  days?: number;
  agency?: string;
  status?: string;
  conference?: number;
  startsOn?: string;
  actor?: string;
  /** The weekly summary's counts for the week it covers (from, to: dates). */
  week?: { from: string; to: string; agreed: number; done: number; late: number; carried: number };
  /** A digest's notifications, as they were when it was put together. */
  items?: DigestItem[];
}
