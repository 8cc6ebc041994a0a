import { Form, useLocation } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { LOCALE_NAMES, LOCALES, type Locale } from "../i18n/locales";

/** Works without JavaScript (select + button); with it, choosing is enough. */
export function LanguageSwitcher({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/settings/language" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor="language-select" className="visually-hidden">
        {t("language.label")}
      </label>
      <select
        id="language-select"
        name="locale"
        defaultValue={locale}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      {/* With JavaScript, choosing is enough; without it, this button sends the choice. */}
      <noscript>
        <button type="submit" className="secondary outline compact">
          {t("language.apply")}
        </button>
      </noscript>
    </Form>
  );
}
