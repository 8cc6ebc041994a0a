import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { namedFiguresFor } from "../models/figure-names.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { commitmentFormConstraints, handleCommitmentForm } from "../commands/commitment-actions.server";
import { mayOnCommitment, requireCommitment } from "../commands/commitment-commands.server";
import { DueLabel, Lineage, OwnerChips, StatusBadge } from "../components/commitment-bits";
import { FollowUpForm, QuickStatus, type FollowUpResult } from "../components/commitment-forms";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { ReplyNotice, useSchemaForm } from "../components/schema-form";
import { CommitmentHistory } from "../components/commitment-history";
import { CommentsProvider, CommentThreads } from "../components/comments";
import { COMMENT_INTENTS, commentFormConstraints, handleCommentForm } from "../commands/comment-commands.server";
import { listComments } from "../models/comments.server";
import { PrivateNotesProvider, PrivateNotesSection } from "../components/private-notes";
import { privateNotesDocName } from "../collab/doc-names";
import { WorkflowNotes } from "../components/commitment-workflow";
import { canComment, canResolveComments, canTranslateFollowUp, dropWithdrawal, statusChoices } from "../models/permissions.server";
import { useLiveRegister } from "../collab/use-live-register";
import { formatDate, formatNumber, useLocale } from "../i18n/format";
import { getFollowUps, getHistory } from "../models/commitments.server";
import { getSeriesMembers, getSeriesParties } from "../models/series.server";
import { languageTextsOf } from "../models/parallel-texts.server";
import { pickText, shownToReader } from "../models/parallel-text-rules";
import { LanguageTexts } from "../components/language-texts";
import { ShownText } from "../components/shown-text";
import { languageName } from "../i18n/working-languages";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.commitment.text.slice(0, 60)} · Accord` : "Accord" }];

/** Events of the drop proposal workflow, named in the "workflow" section of the catalogs. */
/** Events whose values are agency ids (shown as codes). */
const byAgency = (kind: string) => kind === "owners" || kind === "share_done" || kind === "drop_requested" || kind === "drop_withdrawn";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCommitment(context, request, Number(params.id));
  const { commitment } = actor;
  const [history, followUps, parties, comments, members] = await Promise.all([
    getHistory(context.db, [commitment.id]),
    getFollowUps(context.db, [commitment.id]),
    getSeriesParties(context.db, commitment.seriesId),
    listComments(context.db, { commitmentId: commitment.id }),
    getSeriesMembers(context.db, commitment.seriesId),
  ]);
  const agencyCode = new Map(parties.map((p) => [String(p.id), p.code]));
  const followUpRows = followUps.map((f) => ({ id: f.id, baseLanguage: f.baseLanguage, text: f.note }));
  const reason = commitment.statusReasonTexts;
  const canProgress = mayOnCommitment(actor, "commitment.progress");
  const [languageTexts, noteTexts, figureNames, reasonTexts] = await Promise.all([
    languageTextsOf(context.db, "commitment", [commitment], "text", commitment.languages),
    languageTextsOf(context.db, "follow_up", followUpRows, "note", commitment.languages),
    // Each reported figure as the series names it in the reader's language (figure-names.server.ts).
    namedFiguresFor(
      context.db,
      commitment.seriesId,
      followUps.map((f) => ({ id: f.id, label: f.figureLabel ?? "", unit: f.figureUnit ?? "" })),
      context.locale,
    ),
    // The reason it is blocked or dropped in each language, for those who may write it (a reason of unknown language has no base to write beside).
    reason?.base && commitment.statusReason && canProgress && commitment.languages.length > 1
      ? languageTextsOf(context.db, "status_reason", [{ id: reason.eventId, baseLanguage: reason.base, text: commitment.statusReason }], "reason", commitment.languages)
      : null,
  ]);
  const figureNameOf = new Map(figureNames.map((f) => [f.id, f]));

  return {
    constraint: { ...commitmentFormConstraints(), ...commentFormConstraints() },
    commitment: shownToReader(commitment, context.locale),
    baseText: { language: commitment.baseLanguage, text: commitment.texts[commitment.baseLanguage] ?? commitment.text },
    languageTexts: languageTexts.get(commitment.id) ?? [],
    history: history.map((h) => ({
      ...h,
      // Owner changes are stored as agency ids; show codes.
      from: byAgency(h.kind) ? (h.from ?? "").split(",").map((id) => agencyCode.get(id) ?? id).join(", ") : h.from,
      to: byAgency(h.kind) ? (h.to ?? "").split(",").map((id) => agencyCode.get(id) ?? id).join(", ") : h.to,
    })),
    // Each note in the reader's language where there is one; its other languages for those who may write them.
    followUps: followUps.map((f) => {
      const texts = noteTexts.get(f.id) ?? [];
      const shown = pickText(Object.fromEntries(texts.map((entry) => [entry.language, entry.text])), context.locale, commitment.languages, f.baseLanguage);
      const figure = f.figureLabel ? figureNameOf.get(f.id) : undefined;
      return {
        ...f,
        ...(figure ? { figureLabel: figure.label, figureUnit: figure.unit, figureLanguage: figure.labelLanguage } : { figureLanguage: null }),
        note: shown.text,
        shown: { language: shown.language, wanted: shown.wanted },
        languageTexts: texts.length > 1 && canTranslateFollowUp(actor, f.agencyId) ? texts : null,
      };
    }),
    parties,
    canProgress,
    reasonTexts: reason && reasonTexts ? { eventId: reason.eventId, texts: reasonTexts.get(reason.eventId) ?? [] } : null,
    statusChoices: canProgress ? statusChoices(actor, commitment) : [],
    withdrawal: canProgress ? dropWithdrawal(actor, commitment) : null,
    canEdit: mayOnCommitment(actor, "commitment.edit"),
    viewer: { id: actor.user.id, name: actor.user.name },
    comments,
    canComment: canComment(actor),
    canResolve: canResolveComments(actor),
    members: members.map((m) => m.name),
    // The viewer's own delegation's notes on it, kept with the conference that agreed it.
    privateNotes: actor.membership
      ? {
          docName: privateNotesDocName(commitment.agreedAt.conferenceId, actor.membership.agencyId),
          agencyCode: parties.find((p) => p.id === actor.membership?.agencyId)?.code ?? "",
        }
      : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if ((COMMENT_INTENTS as readonly string[]).includes(intent)) {
    const actor = await requireCommitment(context, request, Number(params.id));
    const { commitment } = actor;
    return handleCommentForm(context, request, actor, { seriesId: commitment.seriesId, conferenceId: null, commitmentId: commitment.id, docName: null }, intent, form);
  }
  return handleCommitmentForm(context, request, Number(params.id), form);
}

// Forms on this page that show the page's own answer beside their fields (also without JavaScript):
// the notice at the top does not repeat their field errors. The status form shows only its fetcher's.
const FIELDS_SAY_THEIR_ERRORS = ["text", "followUp"] as const;

/** The commitment's own text, in its base language. */
function BaseTextForm({ language, text, label }: { language: string; text: string; label?: string }) {
  const t = useT();
  const [form, fields] = useSchemaForm("text", { reply: useActionData() });
  const field = fields.text;
  return (
    <Form method="post" key={text} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="text" />
      <label htmlFor={field.id}>
        {label ?? t("texts.textIn", { language: languageName(language) })}
        <textarea rows={3} {...getTextareaProps(field)} defaultValue={typeof field.initialValue === "string" ? field.initialValue : text} lang={language} />
        {field.errors ? (
          <small id={field.errorId} className="field-error">
            {t(field.errors[0])}
          </small>
        ) : null}
      </label>
      <button type="submit" aria-label={label ? undefined : t("texts.saveIn", { language: languageName(language) })}>
        {t("admin.save")}
      </button>
    </Form>
  );
}

export default function CommitmentPage() {
  const data = useLoaderData<typeof loader>();
  const { commitment, baseText, languageTexts, history, followUps, parties, canProgress, canEdit, statusChoices: choices, withdrawal, viewer, privateNotes } = data;
  const result = useActionData() as FollowUpResult | undefined;
  const t = useT();
  const locale = useLocale();
  useLiveRegister(commitment.seriesId);
  return (
    <>
      <SeriesBreadcrumb series={{ slug: commitment.seriesSlug, name: commitment.seriesName }} trail={[{ label: t("commitment.register"), to: `/series/${commitment.seriesSlug}/commitments` }]} />
      <article>
        <header>
          <p className="commitment-meta">
            <StatusBadge status={commitment.status} />
            <Lineage seriesSlug={commitment.seriesSlug} agreedAt={commitment.agreedAt} reviews={commitment.reviews} carriedOver={commitment.carriedOver} />
          </p>
          <h1 className="commitment-title">
            <ShownText text={commitment.text} shown={commitment.shown} />
          </h1>
          <div className="commitment-meta">
            <span>
              {t("commitment.owners")}: <OwnerChips owners={commitment.owners} />
            </span>
            <span>
              {t("commitment.due")}: <DueLabel dueOn={commitment.dueOn} dueNext={commitment.dueNext} overdue={commitment.overdue} />
            </span>
          </div>
          <WorkflowNotes commitment={commitment} />
          {data.reasonTexts ? (
            <details className="note-languages">
              <summary>{t("texts.reasonLanguages")}</summary>
              <LanguageTexts texts={data.reasonTexts.texts} field="reason" label="texts.textIn" canEdit hidden={{ eventId: String(data.reasonTexts.eventId) }} />
            </details>
          ) : null}
        </header>
        {result && !("confirmFigure" in result && result.confirmFigure) ? <ReplyNotice reply={result} fieldsShown={FIELDS_SAY_THEIR_ERRORS} /> : null}
        {canProgress ? <QuickStatus commitmentId={commitment.id} status={commitment.status} label={commitment.text} choices={choices} proposedReason={commitment.dropRequests[0]?.reason} withdrawal={withdrawal} /> : null}
      </article>

      {languageTexts.length > 1 ? (
        <section aria-labelledby="languages-heading">
          <h2 id="languages-heading">{t("texts.eachLanguage")}</h2>
          <LanguageTexts
            texts={languageTexts}
            field="text"
            label="texts.textIn"
            canEdit={canEdit}
            baseForm={canEdit ? <BaseTextForm language={baseText.language} text={baseText.text} /> : undefined}
          />
        </section>
      ) : null}

      <div className="grid-2">
        <section aria-labelledby="followups-heading">
          <h2 id="followups-heading">{t("commitment.followUps")}</h2>
          {followUps.length === 0 ? <p className="muted">{t("commitment.noFollowUps")}</p> : null}
          <ol className="timeline">
            {followUps.map((f) => (
              <li key={f.id}>
                <small className="muted">
                  {formatDate(locale, f.at)} · {f.byName ?? "—"}
                  {f.agencyCode ? ` (${f.agencyCode})` : ""}
                </small>
                <p>
                  <ShownText text={f.note} shown={f.shown} />
                </p>
                {f.figureLabel && f.figureValue !== null ? (
                  <p>
                    <span lang={f.figureLanguage ?? undefined}>{f.figureLabel}</span>: <span className="figure">{formatNumber(locale, f.figureValue)}</span>{" "}
                    <span lang={f.figureLanguage ?? undefined}>{f.figureUnit ?? ""}</span>
                  </p>
                ) : null}
                {f.languageTexts ? (
                  <details className="note-languages">
                    <summary>{t("texts.noteLanguages")}</summary>
                    <LanguageTexts texts={f.languageTexts} field="note" label="texts.noteIn" canEdit hidden={{ followUpId: String(f.id) }} />
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
          {canProgress ? <FollowUpForm commitmentId={commitment.id} pageResult={result} /> : null}
        </section>

        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t("commitment.history")}</h2>
          <CommitmentHistory entries={history} />
        </section>
      </div>

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("comments.none")}</h2>
        <CommentsProvider value={{ comments: data.comments, action: `/commitments/${commitment.id}`, canComment: data.canComment, canResolve: data.canResolve, members: data.members }}>
          <CommentThreads target="commitment" />
        </CommentsProvider>
      </section>

      <PrivateNotesProvider notes={privateNotes} user={viewer} parties={parties}>
        <PrivateNotesSection noteKey={`commitment-${commitment.id}`} label={t("privateNotes.commitment")} />
      </PrivateNotesProvider>

      {canEdit ? (
        <section aria-labelledby="edit-heading" className={languageTexts.length > 1 ? undefined : "grid-2"}>
          <h2 id="edit-heading" className="visually-hidden">
            {t("admin.edit")}
          </h2>
          {/* With one working language the text is edited here; with more, beside the others above. */}
          {languageTexts.length > 1 ? null : (
            <article>
              <BaseTextForm language={baseText.language} text={baseText.text} label={t("commitment.text")} />
            </article>
          )}
          <article>
            <Form method="post">
              <input type="hidden" name="intent" value="owners" />
              <fieldset>
                <legend>{t("commitment.owners")}</legend>
                {parties.map((p) => (
                  <label key={p.id}>
                    <input type="checkbox" name="owners" value={p.id} defaultChecked={commitment.owners.some((o) => o.agencyId === p.id)} />
                    {p.code} — {p.name}
                  </label>
                ))}
              </fieldset>
              <button type="submit">{t("admin.save")}</button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="due" />
              <fieldset>
                <legend>{t("commitment.due")}</legend>
                <label>
                  <input type="radio" name="dueKind" value="next" defaultChecked={commitment.dueNext} />
                  {t("commitment.dueNext")}
                </label>
                <label>
                  <input type="radio" name="dueKind" value="date" defaultChecked={!commitment.dueNext && Boolean(commitment.dueOn)} />
                  {t("commitment.onDate")}
                  <input type="date" name="dueOn" defaultValue={commitment.dueOn ?? ""} aria-label={t("commitment.due")} />
                </label>
                <label>
                  <input type="radio" name="dueKind" value="none" defaultChecked={!commitment.dueNext && !commitment.dueOn} />
                  {t("commitment.noDue")}
                </label>
              </fieldset>
              <button type="submit">{t("admin.save")}</button>
            </Form>
          </article>
        </section>
      ) : null}
    </>
  );
}
