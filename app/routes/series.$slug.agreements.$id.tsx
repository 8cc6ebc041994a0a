import { json, type ActionFunctionArgs, type AppLoadContext, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { publishCommitment } from "../commands/commitment-commands.server";
import { AgreementFields, AgreementStatusBadge, errorsFor, SigningFacts, Validity, type AgreementFormValues } from "../components/agreement-bits";
import { ClauseList } from "../components/agreement-clauses";
import { Signatories, SignedDocument } from "../components/agreement-sections";
import { FormMessage } from "../components/field";
import { PartyChips } from "../components/party-list";
import { readDocumentUpload, refuseUpload } from "../http/document-upload.server";
import { domainInvalid, done, invalid, zodInvalid } from "../http/form-result.server";
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
import { DomainError } from "../models/errors.server";
import { can } from "../models/permissions.server";
import { reindexAgreement } from "../models/search.server";
import { getSeriesParties } from "../models/series.server";
import {
  agreementInputOf,
  clauseCommitmentSchema,
  clauseSchema,
  editClauseSchema,
  parseAgreementForm,
  removeByIdSchema,
  signatorySchema,
  submittedAgreement,
} from "../validation/agreement";
import { fieldErrors } from "../validation/fields";

// Remix passes only Set-Cookie from an action to the page it renders: a refused upload's Connection: close is carried here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const connection = actionHeaders.get("Connection");
  return connection ? { Connection: connection } : new Headers();
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agreement.title} · ${data.series.name} · Accord` : "Accord" },
];

function agreementIdOf(param: string | undefined): number {
  return /^[1-9]\d{0,9}$/.test(param ?? "") ? Number(param) : 0;
}

const MIB = 1024 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const agreement = await getAgreement(context.db, { seriesId: series.id, agreementId: agreementIdOf(params.id) });
  if (!agreement) throw new Response("Not Found", { status: 404 });
  const canEdit = can({ user, membership }, "series.edit");
  const [seriesParties, conferences] = canEdit
    ? await Promise.all([getSeriesParties(context.db, series.id), listConferences(context.db, series.id)])
    : [[], []];
  return {
    series: { slug: series.slug, name: series.name },
    agreement,
    canEdit,
    seriesParties,
    conferences: conferences.map(({ id, number, title }) => ({ id, number, title })),
    maxDocumentMb: Math.round((context.uploads.maxDocumentBytes / MIB) * 10) / 10,
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
  const values = Object.fromEntries(form);
  const { db, clock } = context;
  // Titles and clauses are searchable: the series' search index follows every saved change.
  const saved = async (target: string, message: string) => {
    await reindexAgreement(db, series.id, ref.agreementId);
    return done(target, message);
  };
  let target = intent;
  try {
    switch (intent) {
      case "update": {
        const parsed = parseAgreementForm(form);
        const refused = (errors: Record<string, string>) =>
          json({ ok: false as const, intent, errors, message: null, values: submittedAgreement(form) }, { status: 400 });
        if (!parsed.success) return refused(fieldErrors(parsed.error));
        try {
          await updateAgreement(db, clock, actor, ref, agreementInputOf(parsed.data));
        } catch (error) {
          if (error instanceof DomainError) return refused({ [error.field ?? "form"]: `errors.${error.code}` });
          throw error;
        }
        return saved(intent, "agreement.saved");
      }
      case "addSignatory": {
        const parsed = signatorySchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await addSignatory(db, clock, actor, ref, parsed.data);
        return done(intent, "agreement.signatoryAdded");
      }
      case "removeSignatory": {
        const parsed = removeByIdSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await removeSignatory(db, clock, actor, ref, parsed.data.id);
        return done(intent, "agreement.signatoryRemoved");
      }
      case "addClause": {
        const parsed = clauseSchema.safeParse(values);
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await addClause(db, clock, actor, ref, parsed.data);
        return saved(intent, "agreement.clauseAdded");
      }
      case "editClause": {
        const parsed = editClauseSchema.safeParse(values);
        target = `editClause:${String(values.id)}`;
        if (!parsed.success) return zodInvalid(parsed.error, target);
        await editClause(db, clock, actor, ref, parsed.data.id, parsed.data);
        return saved(target, "agreement.clauseSaved");
      }
      case "removeClause": {
        const parsed = removeByIdSchema.safeParse(values);
        target = `removeClause:${String(values.id)}`;
        if (!parsed.success) return zodInvalid(parsed.error, target);
        await removeClause(db, clock, actor, ref, parsed.data.id);
        return saved(target, "agreement.clauseRemoved");
      }
      case "makeCommitment": {
        const parsed = clauseCommitmentSchema.safeParse({ ...values, owners: form.getAll("owners") });
        target = `makeCommitment:${String(values.clauseId)}`;
        if (!parsed.success) return zodInvalid(parsed.error, target);
        const { clauseId, text, owners, dueKind, dueOn } = parsed.data;
        const commitmentId = await makeCommitmentFromClause(db, clock, actor, ref, clauseId, {
          text,
          ownerAgencyIds: owners,
          dueOn: dueKind === "date" ? dueOn : null,
          dueNext: dueKind === "next",
        });
        // Every open register shows the new commitment at once.
        await publishCommitment(context, user.id, commitmentId);
        return done(target, "agreement.commitmentCreated");
      }
      case "removeDocument": {
        await removeDocument(db, clock, context.files, actor, ref);
        return done(intent, "agreement.documentRemoved");
      }
      default:
        return invalid({ form: "errors.generic" }, intent);
    }
  } catch (error) {
    return domainInvalid(error, target);
  }
}

async function uploadDocument(context: AppLoadContext, request: Request, actor: AgreementActor, ref: AgreementRef) {
  const upload = await readDocumentUpload(request, "document", context.uploads.maxDocumentBytes);
  if (!upload.ok) return refuseUpload(upload.error, "upload");
  if (upload.form.get("intent") !== "upload") return invalid({ form: "errors.generic" }, "upload");
  if (!upload.file) return invalid({ document: "errors.documentRequired" }, "upload");
  try {
    await attachDocument(context.db, context.clock, context.files, actor, ref, {
      bytes: upload.file.bytes,
      fileName: upload.file.name,
      maxBytes: context.uploads.maxDocumentBytes,
    });
  } catch (error) {
    return domainInvalid(error, "upload");
  }
  return done("upload", "agreement.documentAttached");
}

export default function AgreementPage() {
  const { series, agreement, canEdit, seriesParties, conferences, maxDocumentMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const base = `/series/${series.slug}/agreements/${agreement.id}`;
  const updateErrors = errorsFor(result, "update");
  const submitted = result && !result.ok && result.intent === "update" && "values" in result ? (result.values as AgreementFormValues) : null;
  const version = agreement.updatedAt;
  return (
    <>
      <nav aria-label={t("agreement.breadcrumb")} className="breadcrumb">
        <ul>
          <li>
            <Link to={`/series/${series.slug}`}>{series.name}</Link>
          </li>
          <li>
            <Link to={`/series/${series.slug}/agreements`}>{t("agreement.listTitle")}</Link>
          </li>
          <li>{agreement.title}</li>
        </ul>
      </nav>
      <header className="agreement-head">
        <h1>{agreement.title}</h1>
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
      {result?.ok && result.message ? <FormMessage tone="success">{t(result.message)}</FormMessage> : null}

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
              <Link to={`/series/${series.slug}/conferences/${agreement.conference.number}`}>{agreement.conference.title}</Link>
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

      <ClauseList clauses={agreement.clauses} parties={agreement.parties} canEdit={canEdit} result={result} version={version} />
    </>
  );
}
