import { formatDueDate } from "../i18n/format";
import type { TFunction } from "../i18n/i18n";
import type { Locale } from "../i18n/locales";
import type { NotificationKind, NotificationParams } from "./notification-kinds";
import { textForReader } from "./parallel-text-rules";

type T = TFunction;

/** The series' name in the reader's language when it was given one, else the name it has. */
export function seriesNameFor(params: NotificationParams, locale: Locale): string {
  return params.seriesIn?.[locale] ?? params.series ?? "";
}

/**
 * The one sentence that says what happened, in the reader's language: the
 * line in the list, the mail's subject and its first paragraph.
 */
export function notificationMessage(t: T, locale: Locale, kind: NotificationKind, params: NotificationParams): string {
  const values = {
    series: seriesNameFor(params, locale),
    commitment: params.commitmentIn ? textForReader(params.commitmentIn, locale, t) : (params.commitment ?? ""),
    agency: params.agency ?? "",
    actor: params.actor ?? "",
    conference: params.conference ?? "",
    dueOn: params.dueOn ? formatDueDate(locale, params.dueOn, "long") : "",
    startsOn: params.startsOn ? formatDueDate(locale, params.startsOn, "long") : "",
  };
  const count = params.days ?? 0;
  switch (kind) {
    case "assigned":
      return t("notify.messages.assigned", values);
    case "due":
      return count === 0 ? t("notify.messages.dueToday", values) : t("notify.messages.dueIn", { ...values, count });
    case "overdue":
      return t("notify.messages.overdue", { ...values, count });
    case "shareAwaited":
      return t("notify.messages.shareAwaited", values);
    case "statusChanged":
      return params.status === "blocked"
        ? t("notify.messages.statusBlocked", values)
        : params.status === "dropped"
          ? t("notify.messages.statusDropped", values)
          : t("notify.messages.statusReopened", values);
    case "reviewReady":
      return t("notify.messages.reviewReady", values);
    case "concluded":
      return t("notify.messages.concluded", values);
    case "mentioned":
      return params.commitment ? t("notify.messages.mentionedOnCommitment", values) : t("notify.messages.mentioned", values);
    case "weeklySummary": {
      const week = params.week ?? { from: "", to: "", agreed: 0, done: 0, late: 0, carried: 0 };
      return t("notify.messages.weeklySummary", {
        ...values,
        ...week,
        from: week.from ? formatDueDate(locale, week.from, "long") : "",
        to: week.to ? formatDueDate(locale, week.to, "long") : "",
      });
    }
  }
}
