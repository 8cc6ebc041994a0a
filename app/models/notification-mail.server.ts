import { i18nFor } from "../i18n/i18n";
import { isLocale, type Locale } from "../i18n/locales";
import { DIGEST_KIND, type NotificationKind, type NotificationParams } from "./notification-kinds";
import { notificationMessage, seriesNameFor } from "./notification-text";

// A notification as a mail: the same sentence as in the app, a link that
// opens the thing after sign-in, and a link to the preferences. Plain text
// and HTML, in the recipient's language.

export interface MailInput {
  kind: NotificationKind | typeof DIGEST_KIND;
  params: NotificationParams;
  /** Same-site path of the thing, e.g. "/commitments/42". */
  path: string;
  recipient: { name: string; locale: string };
  /** Public origin, e.g. "https://accord.example.org". */
  origin: string;
  /** This mail's own link that stops this kind of mail without signing in (mail-stop.server.ts). */
  stopLink?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const PREFERENCES_PATH = "/notifications/settings";

/** The sign-in page, which goes on to `path` (kept same-site by the login route). */
export function signInLink(origin: string, path: string): string {
  return `${origin}/login?redirectTo=${encodeURIComponent(path)}`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderNotificationMail(input: MailInput): RenderedMail {
  if (input.kind === DIGEST_KIND) return renderDigest(input);
  const locale: Locale = isLocale(input.recipient.locale) ? input.recipient.locale : "en";
  const t = i18nFor(locale).t;
  const message = notificationMessage(t, locale, input.kind, input.params);
  const open = signInLink(input.origin, input.path);
  const preferences = signInLink(input.origin, PREFERENCES_PATH);
  const greeting = t("notify.mail.greeting", { name: input.recipient.name });
  const footer = input.params.series ? t("notify.mail.footer", { series: seriesNameFor(input.params, locale) }) : t("notify.mail.footerGeneric");
  const subject = message.length > 180 ? `${message.slice(0, 177)}…` : message;
  const stop = input.stopLink ? { label: t("notify.mail.stop", { kind: t(`notify.admin.kinds.${input.kind}`) }), link: input.stopLink } : null;
  const text = [
    greeting,
    "",
    message,
    "",
    `${t("notify.mail.open")}: ${open}`,
    "",
    "-- ",
    footer,
    `${t("notify.mail.preferences")}: ${preferences}`,
    ...(stop ? [`${stop.label}: ${stop.link}`] : []),
    "",
  ].join("\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24;">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(open)}">${escapeHtml(t("notify.mail.open"))}</a></p>
<hr>
<p style="font-size: 0.9em; color: #555;">${escapeHtml(footer)}<br><a href="${escapeHtml(preferences)}">${escapeHtml(t("notify.mail.preferences"))}</a>${stopHtml(stop)}</p>
</body></html>
`;
  return { subject, text, html };
}

function stopHtml(stop: { label: string; link: string } | null): string {
  return stop ? `<br><a href="${escapeHtml(stop.link)}">${escapeHtml(stop.label)}</a>` : "";
}

/** The daily digest: every gathered notification as a line with its own link. */
function renderDigest(input: MailInput): RenderedMail {
  const locale: Locale = isLocale(input.recipient.locale) ? input.recipient.locale : "en";
  const t = i18nFor(locale).t;
  const items = (input.params.items ?? []).map((item) => ({ message: notificationMessage(t, locale, item.kind, item.params), link: signInLink(input.origin, item.path) }));
  const subject = t("notify.mail.digestSubject", { count: items.length });
  const greeting = t("notify.mail.greeting", { name: input.recipient.name });
  const preferences = signInLink(input.origin, PREFERENCES_PATH);
  const footer = t("notify.mail.footerGeneric");
  const stop = input.stopLink ? { label: t("notify.mail.stopDigest"), link: input.stopLink } : null;
  const text = [
    greeting,
    "",
    t("notify.mail.digestIntro"),
    "",
    ...items.flatMap((item) => [`- ${item.message}`, `  ${item.link}`]),
    "",
    "-- ",
    footer,
    `${t("notify.mail.preferences")}: ${preferences}`,
    ...(stop ? [`${stop.label}: ${stop.link}`] : []),
    "",
  ].join("\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24;">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(t("notify.mail.digestIntro"))}</p>
<ul>
${items.map((item) => `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.message)}</a></li>`).join("\n")}
</ul>
<hr>
<p style="font-size: 0.9em; color: #555;">${escapeHtml(footer)}<br><a href="${escapeHtml(preferences)}">${escapeHtml(t("notify.mail.preferences"))}</a>${stopHtml(stop)}</p>
</body></html>
`;
  return { subject, text, html };
}
