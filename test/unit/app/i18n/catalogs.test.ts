import { describe, expect, it } from "vitest";
// The server's catalogs: the pages' texts and the mails' (mail-catalogs/), checked alike.
import { bundledCatalogs } from "../../../../app/i18n/catalogs.server";

const { en, vi, zh } = bundledCatalogs;

type Tree = { [key: string]: string | Tree };

/** Every leaf of a catalog as "section.key" → text. */
function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
}

const reference = flatten(en as unknown as Tree);

describe.each([
  ["vi", vi],
  ["zh", zh],
])("the %s catalog", (name, catalog) => {
  const translated = flatten(catalog as unknown as Tree);

  it("has every key of the English catalog", () => {
    const missing = [...reference.keys()].filter((key) => !translated.has(key));
    expect(missing, `keys missing from ${name}`).toEqual([]);
  });

  it("has no key that English does not have (a typo or a leftover)", () => {
    const extra = [...translated.keys()].filter((key) => !reference.has(key));
    expect(extra, `keys only in ${name}`).toEqual([]);
  });

  it("gives every key a non-empty string", () => {
    const empty = [...reference.keys()].filter((key) => {
      const value = translated.get(key);
      return typeof value !== "string" || value.trim() === "";
    });
    expect(empty, `empty or non-string values in ${name}`).toEqual([]);
  });

  it("keeps the same {{placeholders}} as English", () => {
    const differing = [...reference]
      .filter(([key]) => typeof translated.get(key) === "string")
      .filter(([key, text]) => placeholders(String(text)).join() !== placeholders(String(translated.get(key))).join())
      .map(([key, text]) => `${key}: en ${placeholders(String(text)).join(",") || "none"} / ${name} ${placeholders(String(translated.get(key))).join(",") || "none"}`);
    expect(differing).toEqual([]);
  });
});

it("English itself has no empty strings", () => {
  const empty = [...reference].filter(([, value]) => typeof value !== "string" || value.trim() === "").map(([key]) => key);
  expect(empty).toEqual([]);
});

it("keeps the mails' texts out of the catalog a page loads, and gives them to the server", async () => {
  const { en: pageEnglish } = await import("../../../../app/i18n/catalogs/en");
  expect(Object.keys(pageEnglish.notify)).not.toContain("mail");
  expect(Object.keys(pageEnglish.invite)).not.toContain("mail");
  expect(bundledCatalogs.zh.notify.mail.greeting).toContain("{{name}}");
  expect(bundledCatalogs.vi.invite.mail.subject).toContain("{{inviter}}");
});
