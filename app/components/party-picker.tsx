import { useT } from "../i18n/use-t";

/** Checkboxes for choosing the party agencies of a series. */
export function PartyPicker({
  agencies,
  selected,
  error,
}: {
  agencies: { id: number; code: string; name: string; country: string }[];
  selected: string[];
  error?: string;
}) {
  const t = useT();
  return (
    <fieldset aria-describedby="parties-help" aria-invalid={error ? true : undefined}>
      <legend>{t("admin.seriesParties")}</legend>
      <small id="parties-help">{t("admin.seriesPartiesHelp")}</small>
      <div className="checkbox-grid">
        {agencies.map((a) => (
          <label key={a.id}>
            <input type="checkbox" name="parties" value={a.code} defaultChecked={selected.includes(a.code)} />
            <strong>{a.code}</strong> <span className="muted">({a.country})</span> {a.name}
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
