import { useId } from "react";
import { useT } from "../i18n/use-t";
import { WORKING_LANGUAGES, WORKING_LANGUAGE_NAMES, type WorkingLanguage } from "../i18n/working-languages";

/**
 * A series' working languages, in order: one select per place, so the order
 * is set without JavaScript and read by screen readers as "Working language 1".
 * With `authentic`, also which of them are authentic for the record.
 */
export function LanguagePicker({
  selected,
  error,
  authentic,
  authenticError,
}: {
  selected: readonly WorkingLanguage[];
  error?: string;
  authentic?: readonly WorkingLanguage[];
  authenticError?: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <>
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
                    {WORKING_LANGUAGE_NAMES[code]}
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
      {authentic ? (
        <fieldset aria-describedby={`${id}-authentic-help`} aria-invalid={authenticError ? true : undefined}>
          <legend>{t("texts.authentic")}</legend>
          <small id={`${id}-authentic-help`}>{t("texts.authenticHelp")}</small>
          <div className="grid-form">
            {WORKING_LANGUAGES.map((code) => (
              <label key={code}>
                <input type="checkbox" name="authentic" value={code} defaultChecked={authentic.includes(code)} />
                <span lang={code}>{WORKING_LANGUAGE_NAMES[code]}</span>
              </label>
            ))}
          </div>
          {authenticError ? (
            <small className="field-error" role="alert">
              {t(authenticError)}
            </small>
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}
