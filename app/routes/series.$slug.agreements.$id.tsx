import { type ActionFunctionArgs, type AppLoadContext, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { publishCommitment } from "../commands/commitment-commands.server";
import { AgreementFields, AgreementStatusBadge, errorsFor, SigningFacts, submittedAgreement, Validity } from "../components/agreement-bits";
import { ClauseList } from "../components/agreement-clauses";
import { Signatories, SignedDocument } from "../components/agreement-sections";
import { FormMessage } from "../components/field";
import { savedMessage } from "../components/form-replies";
import { PartyChips } from "../components/party-list";
import { readDocumentUpload, refuseUpload } from "../http/document-upload.server";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { requireSeries } from "../http/guards.server";
import { attachDocument, removeDocument } from "../models/agreement-documents.server";
import {
  addClause,
  addSignatory,
  editClause,
  getAgreement,
  makeCommitmentFromClause,
  removeClause,
  removeSignatory,
  updateAgreement,
  type AgreementActor,
  type AgreementRef,
} from "../models/agreements.server";
import { listConferences } from "../models/conferences.server";
import { conferenceTitlesForReader } from "../models/parallel-texts.server";
import { can } from "../models/permissions.server";
import { reindexAgreement } from "../models/search.server";
import { getSeriesParties } from "../models/series.server";
import { agreementInputOf, agreementSchema, clauseCommitmentSchema, clauseSchema, editClauseSchema, removeByIdSchema, signatorySchema } from "../validation/agreement";
import { constraintsOf } from "../validation/constraint.server";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";
import { FallbackMarker, ShownText } from "../components/shown-text";
import { agreementsForReader } from "../models/agreement-reading.server";

// Remix passes only Set-Cookie from an action to the page it renders: a refused upload's Connection: close is carried here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const connection = actionHeaders.get("Connection");
  return connection ? { Connection: connection } : new Headers();
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agreement.reading.title.text} · ${data.series.name} · Accord` : "Accord" },
];

function agreementIdOf(param: string | undefined): number {
  return /^[1-9]\d{0,9}$/.test(param ?? "") ? Number(param) : 0;
}

const MIB = 1024 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const found = await getAgreement(context.db, { seriesId: series.id, agreementId: agreementIdOf(params.id) });
  if (!found) throw new Response("Not Found", { status: 404 });
  // The title and clauses to read in the reader's language; the forms below edit the base texts.
  const [agreement] = await agreementsForReader(context.db, [found], context.locale, series.languages);
  const canEdit = can({ user, membership }, "series.edit");
  const [seriesParties, listed] = await Promise.all([canEdit ? getSeriesParties(context.db, series.id) : [], listConferences(context.db, series.id)]);
  // Conference titles in the reader's language where there is one: the one it was signed at, and (to edit) every one.
  const conferences = await conferenceTitlesForReader(context.db, listed, context.locale, series.languages);
  const signedAt = agreement.conference ? conferences.find((c) => c.id === agreement.conference?.id) : undefined;
  return {
    series: { slug: series.slug, name: series.name },
    agreement: {
      ...agreement,
      conference: agreement.conference ? { ...agreement.conference, title: signedAt?.title ?? agreement.conference.title, shown: signedAt?.shown } : null,
    },
    canEdit,
    seriesParties,
    conferences: canEdit ? conferences.map(({ id, number, title }) => ({ id, number, title })) : [],
    maxDocumentMb: Math.round((context.uploads.maxDocumentBytes / MIB) * 10) / 10,
    constraint: constraintsOf({
      agreement: agreementSchema,
      addSignatory: signatorySchema,
      addClause: clauseSchema,
      editClause: editClauseSchema,
      makeCommitment: clauseCommitmentSchema,
    }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Authorised before any of the body is read: only secretariats may stream an upload in.
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const ref: AgreementRef = { seriesId: series.id, agreementId: agreementIdOf(params.id) };
  if (!(await getAgreement(context.db, ref))) throw new Response("Not Found", { status: 404 });
  const actor: AgreementActor = { userId: user.id, ip: context.clientIp };

  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return uploadDocument(context, request, actor, ref);
  }

  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { db, clock } = context;
  // Forms drawn once per clause are told apart by the clause ("editClause:12").
  const target = intent === "editClause" || intent === "removeClause" ? `${intent}:${String(form.get("id"))}` : intent === "makeCommitment" ? `${intent}:${String(form.get("clauseId"))}` : intent;
  // Titles and clauses are searchable: the series' search index follows every saved change.
  const reindexed = async <S extends Parameters<typeof saved>[1]>(submission: S, message: string) => {
    await reindexAgreement(db, series.id, ref.agreementId);
    return saved(target, submission, message);
  };
  try {
    switch (intent) {
      case "update": {
        const submission = parseForm(form, agreementSchema);
        if (submission.status !== "success") return refused(target, submission);
        await updateAgreement(db, clock, actor, ref, agreementInputOf(submission.value));
        return reindexed(submission, "agreement.saved");
      }
      case "addSignatory": {
        const submission = parseForm(form, signatorySchema);
        if (submission.status !== "success") return refused(target, submission);
        await addSignatory(db, clock, actor, ref, submission.value);
        return saved(target, submission, "agreement.signatoryAdded");
      }
      case "removeSignatory": {
        const submission = parseForm(form, removeByIdSchema);
        if (submission.status !== "success") return refused(target, submission);
        await removeSignatory(db, clock, actor, ref, submission.value.id);
        return saved(target, submission, "agreement.signatoryRemoved");
      }
      case "addClause": {
        const submission = parseForm(form, clauseSchema);
        if (submission.status !== "success") return refused(target, submission);
        await addClause(db, clock, actor, ref, submission.value);
        return reindexed(submission, "agreement.clauseAdded");
      }
      case "editClause": {
        const submission = parseForm(form, editClauseSchema);
        if (submission.status !== "success") return refused(target, submission);
        await editClause(db, clock, actor, ref, submission.value.id, submission.value);
        return reindexed(submission, "agreement.clauseSaved");
      }
      case "removeClause": {
        const submission = parseForm(form, removeByIdSchema);
        if (submission.status !== "success") return refused(target, submission);
        await removeClause(db, clock, actor, ref, submission.value.id);
        return reindexed(submission, "agreement.clauseRemoved");
      }
      case "makeCommitment": {
        const submission = parseForm(form, clauseCommitmentSchema);
        if (submission.status !== "success") return refused(target, submission);
        const { clauseId, text, owners, dueKind, dueOn } = submission.value;
        const commitmentId = await makeCommitmentFromClause(db, clock, actor, ref, clauseId, {
          text,
          ownerAgencyIds: owners,
          dueOn: dueKind === "date" ? dueOn : null,
          dueNext: dueKind === "next",
        });
        // Every open register shows the new commitment at once.
        await publishCommitment(context, user.id, commitmentId);
        return saved(target, submission, "agreement.commitmentCreated");
      }
      case "removeDocument": {
        await removeDocument(db, clock, context.files, actor, ref);
        return saved(target, form, "agreement.documentRemoved");
      }
      default:
        return refusedWith(target, form, "errors.generic");
    }
  } catch (error) {
    return refusedByDomain(target, form, error);
  }
}

async function uploadDocument(context: AppLoadContext, request: Request, actor: AgreementActor, ref: AgreementRef) {
  const upload = await readDocumentUpload(request, "document", context.uploads.maxDocumentBytes);
  if (!upload.ok) return refuseUpload(upload.error, "upload");
  if (upload.form.get("intent") !== "upload") return refusedWith("upload", upload.form, "errors.generic");
  if (!upload.file) return refusedWith("upload", upload.form, "errors.documentRequired", { field: "document" });
  try {
    await attachDocument(context.db, context.clock, context.files, actor, ref, {
      bytes: upload.file.bytes,
      fileName: upload.file.name,
      maxBytes: context.uploads.maxDocumentBytes,
    });
  } catch (error) {
    return refusedByDomain("upload", upload.form, error);
  }
  return saved("upload", upload.form, "agreement.documentAttached");
}

export default function AgreementPage() {
  const { series, agreement, canEdit, seriesParties, conferences, maxDocumentMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const message = result && typeof result === "object" && "form" in result ? savedMessage(result, result.form) : undefined;
  const t = useT();
  const base = `/series/${series.slug}/agreements/${agreement.id}`;
  const updateErrors = errorsFor(result, "update");
  const submitted = submittedAgreement(result, "update");
  const version = agreement.updatedAt;
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("agreement.listTitle"), to: `/series/${series.slug}/agreements` }, { label: agreement.reading.title.text }]} />
      <header className="agreement-head">
        <h1>
          <ShownText text={agreement.reading.title.text} shown={agreement.reading.title} />
        </h1>
        <AgreementStatusBadge status={agreement.status} />
      </header>
      <div className="page-actions" role="group" aria-label={t("agreement.exportsHeading")}>
        <Link to={`${base}/texts`} role="button" className="secondary outline">
          {t("texts.eachLanguage")}
        </Link>
        <a href={`${base}/agreement.docx`} role="button" className="secondary outline" download>
          {t("record.docxByLanguage")}
        </a>
        <a href={`${base}/agreement.docx?layout=side-by-side`} role="button" className="secondary outline" download>
          {t("record.docxSideBySide")}
        </a>
      </div>
      {message ? <FormMessage tone="success">{t(message)}</FormMessage> : null}

      <section aria-labelledby="facts-heading" className="agreement-section">
        <h2 id="facts-heading">{t("agreement.facts")}</h2>
        <dl className="agreement-facts-list">
          <dt>{t("agreement.parties")}</dt>
          <dd>
            <PartyChips parties={agreement.parties} />
          </dd>
          <dt>{t("agreement.status")}</dt>
          <dd>
            <AgreementStatusBadge status={agreement.status} />
          </dd>
          <dt>{t("agreement.signing")}</dt>
          <dd>
            <SigningFacts signedOn={agreement.signedOn} signedAt={agreement.signedAt} />
          </dd>
          <dt>{t("agreement.validity")}</dt>
          <dd>
            <Validity validFrom={agreement.validFrom} validUntil={agreement.validUntil} />
          </dd>
          <dt>{t("agreement.conference")}</dt>
          <dd>
            {agreement.conference ? (
              <>
                <Link to={`/series/${series.slug}/conferences/${agreement.conference.number}`} lang={agreement.conference.shown?.language}>
                  {agreement.conference.title}
                </Link>
                {agreement.conference.shown?.wanted ? " " : null}
                <FallbackMarker shown={agreement.conference.shown} />
              </>
            ) : (
              <span className="muted">{t("agreement.noConference")}</span>
            )}
          </dd>
        </dl>
        {canEdit ? (
          <details className="agreement-form" open={Object.keys(updateErrors).length > 0} key={`edit-${version}`}>
            <summary>{t("agreement.edit")}</summary>
            {updateErrors.form ? <FormMessage tone="error">{t(updateErrors.form)}</FormMessage> : null}
            <Form method="post" aria-label={t("agreement.edit")}>
              <input type="hidden" name="intent" value="update" />
              <AgreementFields
                values={
                  submitted ?? {
                    title: agreement.title,
                    partyIds: agreement.parties.map((p) => p.id),
                    conferenceId: agreement.conference?.id ?? null,
                    status: agreement.status,
                    signedOn: agreement.signedOn,
                    signedAt: agreement.signedAt,
                    validFrom: agreement.validFrom,
                    validUntil: agreement.validUntil,
                  }
                }
                parties={seriesParties}
                conferences={conferences}
                errors={updateErrors}
              />
              <button type="submit">{t("agreement.save")}</button>
            </Form>
          </details>
        ) : null}
      </section>

      <div className="grid-2">
        <Signatories signatories={agreement.signatories} parties={agreement.parties} canEdit={canEdit} result={result} version={version} />
        <SignedDocument href={`${base}/document`} document={agreement.document} maxMb={maxDocumentMb} canEdit={canEdit} result={result} />
      </div>

      <ClauseList clauses={agreement.clauses.map((c) => ({ ...c, shown: agreement.reading.clauses[c.id] }))} parties={agreement.parties} canEdit={canEdit} result={result} version={version} />
    </>
  );
}
