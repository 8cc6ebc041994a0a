import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { commitmentFormConstraints } from "../commands/commitment-actions.server";
import { useLiveRegister } from "../collab/use-live-register";
import { CommitmentCard } from "../components/commitment-card";
import { CommitmentFilters } from "../components/commitment-filters";
import { Pager, pageOf } from "../components/pager";
import { requireUser } from "../http/guards.server";
import { isClosed } from "../models/commitment-rules";
import { listCommitments } from "../models/commitments.server";
import { listMembershipsOf } from "../models/memberships.server";
import { canOnCommitment, dropWithdrawal, statusChoices } from "../models/permissions.server";
import { shownToReader } from "../models/parallel-text-rules";
import { readCommitmentFilter } from "../validation/commitment-filter.server";

export const meta: MetaFunction = () => [{ title: "Accord" }];

/** A delegate's desk: what their agency owes, in every series they take part in. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const filter = readCommitmentFilter(new URL(request.url));
  const memberships = await listMembershipsOf(context.db, user.id, context.locale);
  const chosen = filter.series ? memberships.filter((m) => m.seriesSlug === filter.series) : memberships;
  const rows = [];
  for (const m of chosen) {
    const list = await listCommitments(context.db, context.clock, {
      seriesId: m.seriesId,
      ownerAgencyIds: [m.agencyId],
      status: filter.status ? [filter.status] : undefined,
      reader: context.locale,
    });
    for (const c of list) {
      if (filter.overdue && !c.overdue) continue;
      const canProgress = canOnCommitment({ user, membership: m }, "commitment.progress", c.owners.map((o) => o.agencyId));
      rows.push({
        ...shownToReader(c, context.locale),
        canProgress,
        statusChoices: canProgress ? statusChoices({ user, membership: m }, c) : [],
        withdrawal: canProgress ? dropWithdrawal({ user, membership: m }, c) : null,
      });
    }
  }
  // Late first, then what is still to do, then done or dropped; each by due date.
  rows.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(isClosed(a.status)) - Number(isClosed(b.status)) ||
      (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999"),
  );
  const agencies = [...new Set(memberships.map((m) => m.agencyCode))].join(", ");
  const { rows: shown, page, pages, total } = pageOf(rows, filter.page);
  return {
    constraint: commitmentFormConstraints(),
    commitments: shown,
    paging: { page, pages, total },
    agencies,
    seriesOptions: memberships.map((m) => ({ slug: m.seriesSlug, name: m.seriesName })),
    seriesIds: memberships.map((m) => m.seriesId),
    filter,
  };
}

export default function MyCommitments() {
  const { commitments, agencies, seriesOptions, seriesIds, filter, paging } = useLoaderData<typeof loader>();
  const t = useT();
  useLiveRegister(seriesIds);
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("commitment.mine")}</h1>
        <p>{t("commitment.mineIntro", { agency: agencies || "—" })}</p>
      </hgroup>
      <CommitmentFilters status={filter.status} overdue={filter.overdue} series={filter.series} seriesOptions={seriesOptions} />
      {commitments.length === 0 ? <p className="muted">{t("commitment.none")}</p> : null}
      <ul className="commitment-list">
        {commitments.map((c) => (
          <li key={c.id}>
            <CommitmentCard commitment={c} canProgress={c.canProgress} statusChoices={c.statusChoices} withdrawal={c.withdrawal} showSeries />
          </li>
        ))}
      </ul>
      <Pager {...paging} />
    </>
  );
}
