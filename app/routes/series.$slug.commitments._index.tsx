import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { commitmentFormConstraints } from "../commands/commitment-actions.server";
import { CommitmentCard } from "../components/commitment-card";
import { CommitmentFilters } from "../components/commitment-filters";
import { PAGE_SIZE, Pager } from "../components/pager";
import { useLiveRegister } from "../collab/use-live-register";
import { requireSeries } from "../http/guards.server";
import { pageOfCommitments } from "../models/commitment-queries.server";
import { shownToReader } from "../models/parallel-text-rules";
import { canOnCommitment, dropWithdrawal, statusChoices } from "../models/permissions.server";
import { readCommitmentFilter } from "../validation/commitment-filter.server";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.series.name} · Accord` : "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const filter = readCommitmentFilter(new URL(request.url));
  const { rows, page, pages, total } = await pageOfCommitments(context.db, context.clock, {
    seriesId: series.id,
    status: filter.status ?? undefined,
    overdue: filter.overdue,
    page: filter.page,
    pageSize: PAGE_SIZE,
  });
  const commitments = rows.map((c) => {
    const canProgress = canOnCommitment({ user, membership }, "commitment.progress", c.owners.map((o) => o.agencyId));
    return {
      ...shownToReader(c, context.locale),
      canProgress,
      statusChoices: canProgress ? statusChoices({ user, membership }, c) : [],
      withdrawal: canProgress ? dropWithdrawal({ user, membership }, c) : null,
    };
  });
  return { constraint: commitmentFormConstraints(), series: { id: series.id, slug: series.slug, name: series.name }, commitments, filter, paging: { page, pages, total } };
}

export default function SeriesCommitments() {
  const { series, commitments, filter, paging } = useLoaderData<typeof loader>();
  const t = useT();
  useLiveRegister(series.id);
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("commitment.register") }]} />
      <h1>{t("commitment.register")}</h1>
      <CommitmentFilters status={filter.status} overdue={filter.overdue} />
      {commitments.length === 0 ? <p className="muted">{t("commitment.none")}</p> : null}
      <ul className="commitment-list">
        {commitments.map((c) => (
          <li key={c.id}>
            <CommitmentCard commitment={c} canProgress={c.canProgress} statusChoices={c.statusChoices} withdrawal={c.withdrawal} />
          </li>
        ))}
      </ul>
      <Pager {...paging} />
    </>
  );
}
