import { useT } from "../i18n/use-t";
import { SeriesBreadcrumb } from "./series-breadcrumb";

/** Series › conference number: the way back from any page about one conference. */
export function ConferenceBreadcrumb({ series, number }: { series: { slug: string; name: string }; number: number }) {
  const t = useT();
  return <SeriesBreadcrumb series={series} trail={[{ label: t("conference.ordinal", { number }), to: `/series/${series.slug}/conferences/${number}` }]} />;
}
