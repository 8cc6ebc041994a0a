import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { WorkflowNotes } from "../components/commitment-workflow";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { reviewCommitment } from "../commands/conference-commands.server";
import { DueLabel, Lineage, OwnerChips, StatusBadge } from "../components/commitment-bits";
import { ReplyNotice, useConstraint } from "../components/form-replies";
import { SelectField } from "../components/select-field";
import { requireConference } from "../http/conference-access.server";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { REVIEW_OUTCOMES } from "../models/commitment-rules";
import { listReviewItems } from "../models/commitments.server";
import { can } from "../models/permissions.server";
import { reviewSchema } from "../validation/commitment";
import { constraintsOf } from "../validation/constraint.server";
import { conferenceHeading } from "../models/parallel-texts.server";
import { shownToReader } from "../models/parallel-text-rules";
import { FallbackMarker, ShownText } from "../components/shown-text";

export const meta: MetaFunction = () => [{ title: "Accord" }];

/** Review of commitments carried to this conference: each with its lineage and this conference's outcome. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, membership, series, conference } = await requireConference(context, request, params);
  const items = await listReviewItems(context.db, context.clock, conference.id);
  return {
    series: { slug: series.slug, name: series.name },
    conference: { id: conference.id, number: conference.number, ...(await conferenceHeading(context.db, conference, context.locale, series.languages)), status: conference.status },
    // Each text in the reader's language where there is one, else marked with the language it is shown in.
    items: items.map((c) => ({ ...shownToReader(c, context.locale), review: c.reviews.find((r) => r.conferenceId === conference.id) ?? null })),
    canReview: can({ user, membership }, "series.edit") && conference.status !== "concluded",
    constraint: constraintsOf({ review: reviewSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, conference } = await requireConference(context, request, params, "series.edit");
  const submission = parseForm(await request.formData(), reviewSchema);
  if (submission.status !== "success") return refused("review", submission);
  if (conference.status === "concluded") return refusedWith("review", submission, "errors.alreadyConcluded");
  try {
    await reviewCommitment(context, { userId: user.id, ip: context.clientIp }, conference.id, { ...submission.value, writerLanguage: context.locale });
  } catch (error) {
    return refusedByDomain("review", submission, error);
  }
  return saved("review", submission, "commitment.saved");
}

export default function ReviewOfCommitments() {
  const { series, conference, items, canReview } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const note = useConstraint("review")?.note;
  const t = useT();
  return (
    <>
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{t("review.title")}</h1>
        <p>{t("review.intro", { count: items.length })}</p>
      </hgroup>
      <ReplyNotice reply={reply} />
      {items.length === 0 ? <p className="muted">{t("review.none")}</p> : null}
      <ol className="commitment-list">
        {items.map((c) => (
          <li key={c.id}>
            <article className="commitment-card" aria-labelledby={`review-${c.id}`}>
              <div className="commitment-meta">
                <StatusBadge status={c.status} />
                <Lineage seriesSlug={series.slug} agreedAt={c.agreedAt} reviews={c.reviews} carriedOver={c.carriedOver} />
              </div>
              <h3 id={`review-${c.id}`}>
                <Link to={`/commitments/${c.id}`} lang={c.shown.language}>
                  {c.text}
                </Link>
                {c.shown.wanted ? " " : null}
                <FallbackMarker shown={c.shown} />
              </h3>
              <div className="commitment-meta">
                <OwnerChips owners={c.owners} />
                <DueLabel dueOn={c.dueOn} dueNext={c.dueNext} overdue={c.overdue} />
                {c.review?.outcome ? (
                  <span className="badge">
                    {t("review.outcome")}: {t(`commitment.outcomes.${c.review.outcome}`)}
                  </span>
                ) : null}
              </div>
              <WorkflowNotes commitment={c} />
              {c.lastFollowUp ? (
                <p className="muted">
                  <ShownText text={c.lastFollowUp.note} shown={c.lastFollowUp.shown} />
                </p>
              ) : null}
              {canReview ? (
                <Form method="post" className="inline-form" aria-label={`${t("review.record")}: ${c.text}`}>
                  <input type="hidden" name="commitmentId" value={c.id} />
                  <SelectField label={t("review.outcome")} name="outcome" defaultValue={c.review?.outcome ?? "carried"}>
                    {REVIEW_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {t(`commitment.outcomes.${o}`)}
                      </option>
                    ))}
                  </SelectField>
                  <label>
                    {t("review.note")}
                    <input name="note" defaultValue={c.review?.note ?? ""} maxLength={note?.maxLength} />
                  </label>
                  <div className="form-buttons">
                    <button type="submit">{t("review.record")}</button>
                  </div>
                </Form>
              ) : c.review?.note ? (
                <p>{c.review.note}</p>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
