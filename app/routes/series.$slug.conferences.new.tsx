import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { addDefaultAgenda } from "../collab/default-agenda";
import { Field, FormMessage } from "../components/field";
import { SelectField } from "../components/select-field";
import { domainInvalid, zodInvalid } from "../http/form-result.server";
import { requireSeries } from "../http/guards.server";
import { i18nFor } from "../i18n/i18n";
import { contentLanguage } from "../i18n/working-languages";
import { isLocale } from "../i18n/locales";
import { getConferenceLanguages } from "../models/conference-languages.server";
import { recordAudit } from "../models/audit.server";
import { createConference, suggestNextNumber } from "../models/conferences.server";
import { getSeriesParties } from "../models/series.server";
import { conferenceSchema } from "../validation/conference";
import { CONFERENCE_FORMATS } from "../validation/limits";

export const meta: MetaFunction = () => [{ title: "Accord" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const [parties, nextNumber] = await Promise.all([
    getSeriesParties(context.db, series.id),
    suggestNextNumber(context.db, series.id),
  ]);
  // Suggested in the series' own language, not the creator's interface language.
  const suggestedTitle = i18nFor(contentLanguage(series.languages)).t("conference.defaultTitle", { number: nextNumber });
  return json({ series: { slug: series.slug, name: series.name }, parties, nextNumber, suggestedTitle });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series } = await requireSeries(context, request, params.slug ?? "", "series.edit");
  const parsed = conferenceSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return zodInvalid(parsed.error);
  let created;
  try {
    created = await createConference(context.db, context.clock, series.id, user.id, parsed.data);
  } catch (error) {
    return domainInvalid(error);
  }
  // The agenda starts from the usual skeleton, in the series' first working language.
  const titlesIn = (language: string) => {
    if (!isLocale(language)) return null;
    const t = i18nFor(language).t;
    return {
      opening: t("agendaDefaults.opening"),
      review: t("agendaDefaults.review"),
      thematic: t("agendaDefaults.thematic"),
      signing: t("agendaDefaults.signing"),
      closing: t("agendaDefaults.closing"),
      other: "",
    };
  };
  const languages = await getConferenceLanguages(context.db, created.id);
  // In the base language when Accord has words for it (Lao has none yet: then the series' first language that has).
  const baseTitles = titlesIn(languages.base) ?? titlesIn(contentLanguage(series.languages));
  await context.collab.applyAs(created.docName, user.id, (doc) =>
    baseTitles ? addDefaultAgenda(doc, baseTitles, languages.working.length > 1 ? { languages, titlesIn } : undefined) : undefined,
  );
  await context.collab.flush(created.docName);
  await recordAudit(context.db, context.clock, {
    kind: "conference.created",
    subject: `conference:${created.id}`,
    actorId: user.id,
    ip: context.clientIp,
    detail: { series: series.slug, number: created.number },
  });
  return redirect(`/series/${series.slug}/conferences/${created.number}`, { status: 303 });
}

export default function NewConference() {
  const { series, parties, nextNumber, suggestedTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  return (
    <>
      <nav aria-label={t("conference.breadcrumb")} className="breadcrumb">
        <ul>
          <li>
            <Link to={`/series/${series.slug}`}>{series.name}</Link>
          </li>
          <li>{t("conference.newTitle")}</li>
        </ul>
      </nav>
      <article className="form-card">
        <h1>{t("conference.newTitle")}</h1>
        {errors.form ? <FormMessage tone="error">{t(errors.form)}</FormMessage> : null}
        <Form method="post" aria-label={t("conference.newTitle")}>
          <div className="grid-form">
            <Field label={t("conference.number")} name="number" type="number" min={1} defaultValue={nextNumber} required error={errors.number} />
            <Field label={t("conference.title")} name="title" required defaultValue={suggestedTitle} error={errors.title} />
            <Field label={t("conference.startsOn")} name="startsOn" type="date" required error={errors.startsOn} />
            <Field label={t("conference.endsOn")} name="endsOn" type="date" required error={errors.endsOn} />
            <SelectField label={t("conference.format")} name="format" defaultValue="in_person" error={errors.format}>
              {CONFERENCE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`conference.formats.${f}`)}
                </option>
              ))}
            </SelectField>
            <Field label={t("conference.venue")} name="venue" help={t("conference.venueHelp")} error={errors.venue} />
            <SelectField wide label={t("conference.host")} name="hostAgencyId" defaultValue="" error={errors.hostAgencyId}>
              <option value="">{t("conference.noHost")}</option>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} — {p.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form-buttons">
            <button type="submit">{t("conference.create")}</button>
            <Link to={`/series/${series.slug}`} role="button" className="secondary outline">
              {t("admin.cancel")}
            </Link>
          </div>
        </Form>
      </article>
    </>
  );
}
