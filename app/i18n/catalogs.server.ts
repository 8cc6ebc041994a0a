import { en } from "./catalogs/en";
import { vi } from "./catalogs/vi";
import { zh } from "./catalogs/zh";
import { enMail, type MailCatalog } from "./mail-catalogs/en";
import { viMail } from "./mail-catalogs/vi";
import { zhMail } from "./mail-catalogs/zh";
import type { Catalog } from "./catalogs/en";

/** A page's catalog with the mails' texts under the same keys (invite.mail, notify.mail). */
function withMail(catalog: Catalog, mail: MailCatalog) {
  return { ...catalog, invite: { ...catalog.invite, ...mail.invite }, notify: { ...catalog.notify, ...mail.notify } };
}

/**
 * Every catalog, for the server, which renders in any reader's language and
 * writes the mails. The browser does not get this module (the compiler leaves
 * `*.server.ts` out of its bundle): it loads the one catalog its page is in
 * (entry.client.tsx), without the mails' texts.
 */
export const bundledCatalogs = { en: withMail(en, enMail), vi: withMail(vi, viMail), zh: withMail(zh, zhMail) };
