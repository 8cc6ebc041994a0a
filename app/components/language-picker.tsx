import { useId } from "react";
import { LOCALE_NAMES } from "../i18n/locales";
import { useT } from "../i18n/use-t";
import { WORKING_LANGUAGES, type WorkingLanguage } from "../i18n/working-languages";

/**
 * A series' working languages, in order: one select per place, so the order
 * is set without JavaScript and read by screen readers as "Working language 1".
 */
export function LanguagePicker({ selected, error }: { selected: readonly WorkingLanguage[]; error?: string }) {
  const t = useT();
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-help`} aria-invalid={error ? true : undefined}>
      <legend>{t("admin.seriesLanguages")}</legend>
      <small id={`${id}-help`}>{t("admin.seriesLanguagesHelp")}</small>
      <div className="grid-form">
        {WORKING_LANGUAGES.map((_, index) => (
          <label key={index}>
            {t("admin.seriesLanguageN", { n: index + 1 })}
            <select name="languages" defaultValue={selected[index] ?? ""}>
              {index > 0 ? <option value="">{t("admin.noLanguage")}</option> : null}
              {WORKING_LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {error ? (
        <small className="field-error" role="alert">
          {t(error)}
        </small>
      ) : null}
    </fieldset>
  );
}
