import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { LanguageTexts } from "../components/language-texts";
import { ReplyNotice } from "../components/form-replies";
import { requireConference } from "../http/conference-access.server";
import { parseForm, refused, refusedByDomain, refusedWith, saved } from "../http/form-reply.server";
import { i18nFor } from "../i18n/i18n";
import { useT } from "../i18n/use-t";
import { changeTranslation, languageTextsOf } from "../models/parallel-texts.server";
import { can } from "../models/permissions.server";
import { constraintsOf } from "../validation/constraint.server";
import { translationSchema } from "../validation/languages";
import { conferenceHeading } from "../models/parallel-texts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.conference.title} · Accord` : "Accord" }];

/** A conference's title in every working language of its series; written by its secretariats. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, series, membership, conference } = await requireConference(context, request, params);
  const texts = await languageTextsOf(context.db, "conference", [{ id: conference.id, baseLanguage: conference.baseLanguage, text: conference.title }], "title", series.languages);
  return {
    title: i18nFor(context.locale).t("texts.conferenceTitleLink"),
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, ...(await conferenceHeading(context.db, conference, context.locale, series.languages)) },
    texts: texts.get(conference.id) ?? [],
    canEdit: can({ user, membership }, "series.edit"),
    constraint: constraintsOf({ translation: translationSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, conference } = await requireConference(context, request, params, "series.edit");
  const submission = parseForm(await request.formData(), translationSchema);
  if (submission.status !== "success") return refused("translation", submission);
  const { field, language, text, seenBase, confirm } = submission.value;
  if (field !== "title") return refusedWith("translation", submission, "errors.generic");
  try {
    const outcome = await changeTranslation(context.db, context.clock, { userId: user.id, ip: context.clientIp }, {
      subject: "conference",
      subjectId: conference.id,
      field: "title",
      language,
      text,
      seenBase,
      confirm: confirm === "1",
    });
    return saved("translation", submission, `texts.outcome.${outcome}`);
  } catch (error) {
    return refusedByDomain("translation", submission, error);
  }
}

export default function ConferenceTitles() {
  const { series, conference, texts, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{t("texts.conferenceTitleLink")}</h1>
        <p>{t("texts.conferenceTitleIntro")}</p>
      </hgroup>
      <ReplyNotice reply={reply} />
      <LanguageTexts texts={texts} field="title" label="texts.titleIn" canEdit={canEdit} multiline={false} />
    </>
  );
}
