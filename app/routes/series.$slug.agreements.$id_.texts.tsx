import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LanguageTexts } from "../components/language-texts";
import { ReplyNotice } from "../components/form-replies";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { getAgreement } from "../models/agreements.server";
import { changeTranslation, languageTextsOf } from "../models/parallel-texts.server";
import { can } from "../models/permissions.server";
import { reindexAgreement } from "../models/search.server";
import { translationTargetSchema } from "../validation/agreement";
import { constraintsOf } from "../validation/constraint.server";
import { translationSchema } from "../validation/languages";
import { SeriesBreadcrumb } from "../components/series-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.agreement.title} · Accord` : "Accord" }];

function agreementIdOf(param: string | undefined): number {
  return /^[1-9]\d{0,9}$/.test(param ?? "") ? Number(param) : 0;
}

/** An agreement's title and clauses in every working language of its series, each against its base text. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership } = await requireSeries(context, request, params.slug ?? "");
  const agreement = await getAgreement(context.db, { seriesId: series.id, agreementId: agreementIdOf(params.id) });
  if (!agreement) throw new Response("Not Found", { status: 404 });
  const base = agreement.baseLanguage;
  const [title, clauses] = await Promise.all([
    languageTextsOf(context.db, "agreement", [{ id: agreement.id, baseLanguage: base, text: agreement.title }], "title", series.languages),
    languageTextsOf(context.db, "clause", agreement.clauses.map((c) => ({ id: c.id, baseLanguage: base, text: c.text })), "text", series.languages),
  ]);
  return {
    title: i18nFor(context.locale).t("texts.eachLanguage"),
    series: { slug: series.slug, name: series.name },
    agreement: { id: agreement.id, title: agreement.title },
    titleTexts: title.get(agreement.id) ?? [],
    clauses: agreement.clauses.map((c) => ({ id: c.id, label: c.label || String(c.position), texts: clauses.get(c.id) ?? [] })),
    canEdit: can({ user, membership }, "series.edit"),
    constraint: constraintsOf({ translation: translationSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const agreement = await getAgreement(context.db, { seriesId: series.id, agreementId: agreementIdOf(params.id) });
  if (!agreement) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  const submission = parseForm(form, translationSchema);
  const target = translationTargetSchema.safeParse(Object.fromEntries(form));
  if (submission.status !== "success") return refused("translation", submission);
  if (!target.success) return refusedWith("translation", submission, "errors.generic");
  const { clauseId } = target.data;
  const { field, language, text, seenBase, confirm } = submission.value;
  // A clause of another agreement is refused as if it did not exist.
  if (clauseId !== null ? !agreement.clauses.some((c) => c.id === clauseId) || field !== "text" : field !== "title") {
    return refusedWith("translation", submission, "errors.generic");
  }
  try {
    const outcome = await changeTranslation(context.db, context.clock, { userId: user.id, ip: context.clientIp }, {
      subject: clauseId !== null ? "clause" : "agreement",
      subjectId: clauseId ?? agreement.id,
      field,
      language,
      text,
      seenBase,
      confirm: confirm === "1",
    });
    await reindexAgreement(context.db, series.id, agreement.id);
    return saved("translation", submission, `texts.outcome.${outcome}`);
  } catch (error) {
    return refusedByDomain("translation", submission, error);
  }
}

export default function AgreementTexts() {
  const { series, agreement, titleTexts, clauses, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const base = `/series/${series.slug}/agreements/${agreement.id}`;
  return (
    <>
      <SeriesBreadcrumb series={series} trail={[{ label: t("agreement.listTitle"), to: `/series/${series.slug}/agreements` }, { label: agreement.title, to: base }, { label: t("texts.eachLanguage") }]} />
      <hgroup className="page-title">
        <h1>{t("texts.eachLanguage")}</h1>
        <p>{agreement.title}</p>
      </hgroup>
      <ReplyNotice reply={reply} />
      <section aria-labelledby="title-heading">
        <h2 id="title-heading">{t("agreement.name")}</h2>
        <LanguageTexts texts={titleTexts} field="title" label="texts.titleIn" canEdit={canEdit} multiline={false} />
      </section>
      <section aria-labelledby="clauses-heading">
        <h2 id="clauses-heading">{t("agreement.clauses")}</h2>
        {clauses.length === 0 ? <p className="muted">{t("agreement.noClauses")}</p> : null}
        {clauses.map((clause) => (
          <section key={clause.id} aria-labelledby={`clause-${clause.id}`}>
            <h3 id={`clause-${clause.id}`}>{t("agreement.clauseN", { clause: clause.label })}</h3>
            <LanguageTexts texts={clause.texts} field="text" label="texts.textIn" canEdit={canEdit} hidden={{ clauseId: String(clause.id) }} />
          </section>
        ))}
      </section>
    </>
  );
}
