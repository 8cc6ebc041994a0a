import { useT } from "../i18n/use-t";
import { languageName } from "../i18n/working-languages";
import type { ShownLanguage } from "../models/parallel-text-rules";

/**
 * A small language code beside a text shown in another language than the
 * reader's because there is none in theirs yet ("vi", titled "Shown in
 * Tiếng Việt; no 中文 text yet"); nothing when the text is the reader's own.
 */
export function FallbackMarker({ shown }: { shown: ShownLanguage | null | undefined }) {
  const t = useT();
  if (!shown?.wanted) return null;
  const label = t("texts.shownIn", { shown: languageName(shown.language), wanted: languageName(shown.wanted) });
  return (
    <span className="badge badge-language" title={label}>
      <span aria-hidden="true">{shown.language}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A text in the language it is written in (so it is read and rendered as such), with the marker when needed. */
export function ShownText({ text, shown }: { text: string; shown: ShownLanguage | null | undefined }) {
  return (
    <>
      <span lang={shown?.language}>{text}</span>
      {shown?.wanted ? " " : null}
      <FallbackMarker shown={shown} />
    </>
  );
}
