import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { SelectField } from "./select-field";

const STATUSES = ["open", "in_progress", "done", "blocked", "dropped"] as const;

export function CommitmentFilters({
  status,
  overdue,
  series,
  seriesOptions,
}: {
  status?: string;
  overdue: boolean;
  series?: string;
  seriesOptions?: { slug: string; name: string }[];
}) {
  const t = useT();
  return (
    <Form method="get" className="filters" aria-label={t("commitment.filter")}>
      <SelectField label={t("commitment.filterStatus")} name="status" defaultValue={status ?? ""}>
        <option value="">{t("commitment.allStatuses")}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`commitment.statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      {seriesOptions ? (
        <SelectField label={t("commitment.filterSeries")} name="series" defaultValue={series ?? ""}>
          <option value="">{t("commitment.allSeries")}</option>
          {seriesOptions.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <label>
        <input type="checkbox" name="overdue" value="1" defaultChecked={overdue} />
        {t("commitment.filterOverdue")}
      </label>
      <div className="form-buttons">
        <button type="submit" className="secondary">
          {t("commitment.filter")}
        </button>
      </div>
    </Form>
  );
}
