import { formatDate } from "../i18n/format";
import { i18nFor } from "../i18n/i18n";
import { isLocale, type Locale } from "../i18n/locales";
import { escapeHtml, type RenderedMail } from "./notification-mail.server";

// An invitation as a mail, in the invitee's language: who invites them, the
// link that sets up their account, until when it works, and what to do if
// it was not meant for them. There is no preferences link: they have no
// account yet, and nothing else will be sent unless an administrator asks.

export interface InvitationMailInput {
  invitee: { name: string; email: string };
  inviter: string;
  locale: string | null;
  /** The full link, holding this mail's own token. */
  link: string;
  expiresAt: string;
}

export function renderInvitationMail(input: InvitationMailInput): RenderedMail {
  const locale: Locale = isLocale(input.locale) ? input.locale : "en";
  const t = i18nFor(locale).t;
  const values = { name: input.invitee.name, email: input.invitee.email, inviter: input.inviter, expires: formatDate(locale, input.expiresAt, "long") };
  const subject = t("invite.mail.subject", values);
  const greeting = t("notify.mail.greeting", values);
  const paragraphs = [t("invite.mail.intro", values), t("invite.mail.action", values)];
  const after = [t("invite.mail.expires", values), t("invite.mail.notExpected", values)];
  const text = [greeting, "", ...paragraphs.flatMap((p) => [p, ""]), input.link, "", ...after.flatMap((p) => [p, ""]), "-- ", t("invite.mail.footer", values), ""].join("\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24;">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
<p><a href="${escapeHtml(input.link)}">${escapeHtml(t("invite.mail.button"))}</a></p>
${after.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
<hr>
<p style="font-size: 0.9em; color: #555;">${escapeHtml(t("invite.mail.footer", values))}</p>
</body></html>
`;
  return { subject, text, html };
}
