import { i18nFor } from "../i18n/i18n";
import { isLocale } from "../i18n/locales";

// The closing formula of a text made in several equally authentic languages
// ("Done in two originals, in the Vietnamese and Chinese languages, both
// texts being equally authentic"), written in the language of the version it
// closes. English, Vietnamese and Chinese come from the interface catalogs;
// Lao, a working language without an interface catalog yet (decision 0026),
// has its one sentence here, to be read by a Lao reviewer.

interface FormulaWords {
  three: string;
  four: string;
  and: string;
  comma: string;
  names: Record<string, string>;
  /** The sentence for one, two or more originals, filled with the language names, their number and the document's name. */
  sentence: (count: number, values: { languages: string; number: string }) => string;
}

const LAO_SENTENCES = {
  one: "ເຮັດເປັນສະບັບດຽວ ເປັນ{{languages}}.",
  two: "ເຮັດເປັນສອງສະບັບ ເປັນ{{languages}}, ທັງສອງສະບັບມີຄຸນຄ່າເທົ່າທຽມກັນ.",
  many: "ເຮັດເປັນ{{number}}ສະບັບ ເປັນ{{languages}}, ທຸກສະບັບມີຄຸນຄ່າເທົ່າທຽມກັນ.",
};

const LAO: FormulaWords = {
  three: "ສາມ",
  four: "ສີ່",
  and: " ແລະ ",
  comma: ", ",
  names: { en: "ພາສາອັງກິດ", vi: "ພາສາຫວຽດນາມ", zh: "ພາສາຈີນ", lo: "ພາສາລາວ" },
  sentence: (count, values) =>
    (count <= 1 ? LAO_SENTENCES.one : count === 2 ? LAO_SENTENCES.two : LAO_SENTENCES.many).replace(
      /\{\{(\w+)\}\}/g,
      (_, key: "languages" | "number") => values[key] ?? "",
    ),
};

function wordsIn(language: string, document: "record" | "agreement"): FormulaWords {
  if (language === "lo") return LAO;
  const t = i18nFor(isLocale(language) ? language : "en").t;
  const documentName = t(document === "record" ? "closing.documentRecord" : "closing.documentAgreement");
  return {
    three: t("closing.three"),
    four: t("closing.four"),
    and: t("closing.and"),
    comma: t("closing.comma"),
    names: { en: t("closing.names.en"), vi: t("closing.names.vi"), zh: t("closing.names.zh"), lo: t("closing.names.lo") },
    sentence: (count, values) => t(count <= 1 ? "closing.one" : count === 2 ? "closing.two" : "closing.many", { ...values, document: documentName }),
  };
}

/** "A and B", "A, B and C" in the formula's language. */
function joinNames(names: string[], words: FormulaWords): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(words.comma)}${words.and}${names[names.length - 1]}`;
}

/**
 * The closing formula in `language` for a text whose authentic languages are
 * `authentic` (in the series' order): one original per authentic language.
 */
export function closingFormula(language: string, authentic: readonly string[], document: "record" | "agreement" = "record"): string {
  const words = wordsIn(language, document);
  const languages = joinNames(
    authentic.map((code) => words.names[code] ?? code),
    words,
  );
  const count = authentic.length;
  const number = count === 3 ? words.three : count === 4 ? words.four : String(count);
  return words.sentence(count, { languages, number });
}
