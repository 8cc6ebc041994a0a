import { en } from "./catalogs/en";
import { vi } from "./catalogs/vi";
import { zh } from "./catalogs/zh";

/**
 * Every catalog, for the server, which renders in any reader's language. The
 * browser does not get this module (the compiler leaves `*.server.ts` out of
 * its bundle): it loads the one catalog its page is in (entry.client.tsx).
 */
export const bundledCatalogs = { en, vi, zh };
