import { describe, expect, it } from "vitest";
import { createT, type Messages } from "../../../../app/i18n/translate";

const en: Messages = {
  nav: { signedInAs: "Signed in as {{name}}", search: "Search" },
  items: { left_one: "{{count}} item left", left_other: "{{count}} items left", none_zero: "nothing", none_other: "{{count}} things" },
  only: { english: "Only in English" },
  twice: "{{a}} and {{a}}, not {{b}}",
};
const vi: Messages = {
  nav: { signedInAs: "Đăng nhập với tên {{name}}", search: "Tìm kiếm" },
  items: { left_other: "Còn {{count}} mục" },
};

describe("the translator", () => {
  const tEn = createT([["en", en]]);
  const tVi = createT([
    ["vi", vi],
    ["en", en],
  ]);

  it.each([
    ["a nested key", tEn, "nav.search", undefined, "Search"],
    ["a value put in", tEn, "nav.signedInAs", { name: "Lan" }, "Signed in as Lan"],
    ["English plural: one", tEn, "items.left", { count: 1 }, "1 item left"],
    ["English plural: other", tEn, "items.left", { count: 3 }, "3 items left"],
    ["English plural: zero is other", tEn, "items.left", { count: 0 }, "0 items left"],
    ["a _zero form wins at 0", tEn, "items.none", { count: 0 }, "nothing"],
    ["Vietnamese has one form for every count", tVi, "items.left", { count: 1 }, "Còn 1 mục"],
    ["the reader's language first", tVi, "nav.signedInAs", { name: "Lan" }, "Đăng nhập với tên Lan"],
    ["English for a key the reader's catalog lacks", tVi, "only.english", undefined, "Only in English"],
    ["the key for a key no catalog has", tVi, "no.such", undefined, "no.such"],
    ["the key for a branch, not a text", tEn, "nav", undefined, "nav"],
    ["the default value for a missing key, filled in", tEn, "kinds.other", { defaultValue: "{{x}}!", x: "other" }, "other!"],
    ["a name given twice, and one not given kept as written", tEn, "twice", { a: 1 }, "1 and 1, not {{b}}"],
    ["a name given as undefined or null is empty", tEn, "twice", { a: null, b: undefined }, " and , not "],
    ["what was put in is not read again", tEn, "nav.signedInAs", { name: "{{name}}" }, "Signed in as {{name}}"],
    ["no prototype keys", tEn, "nav.constructor", undefined, "nav.constructor"],
  ] as const)("%s", (_name, t, key, options, expected) => {
    expect(t(key, options as Record<string, unknown> | undefined)).toBe(expected);
  });
});
