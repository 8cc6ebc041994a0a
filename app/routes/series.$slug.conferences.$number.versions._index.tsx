import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { Field } from "../components/field";
import { fieldProps, FormErrors, ReplyNotice, useSchemaForm } from "../components/schema-form";
import { requireConference } from "../http/conference-access.server";
import { parseForm, refused, refusedByDomain, saved } from "../http/form-reply.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { listVersions, takeVersion } from "../models/document-versions.server";
import { can } from "../models/permissions.server";
import { constraintsOf } from "../validation/constraint.server";
import { versionSchema } from "../validation/version";
import { conferenceHeading } from "../models/parallel-texts.server";
import { ShownText } from "../components/shown-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/** The versions of a conference's document: who took each and when; a secretariat takes a new one. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, membership, series, conference } = await requireConference(context, request, params);
  return {
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, ...(await conferenceHeading(context.db, conference, context.locale, series.languages)), status: conference.status },
    versions: await listVersions(context.db, conference.id),
    canTake: can({ user, membership }, "series.edit"),
    constraint: constraintsOf({ takeVersion: versionSchema }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, conference } = await requireConference(context, request, params, "series.edit");
  const submission = parseForm(await request.formData(), versionSchema);
  if (submission.status !== "success") return refused("takeVersion", submission);
  try {
    const snapshot = await context.collab.currentState(conference.docName);
    await takeVersion(context.db, context.clock, { conferenceId: conference.id, name: submission.value.name, kind: "manual", by: user.id, snapshot });
  } catch (error) {
    return refusedByDomain("takeVersion", submission, error);
  }
  return saved("takeVersion", submission, "versions.taken");
}

export default function ConferenceVersions() {
  const { series, conference, versions, canTake, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useSchemaForm("takeVersion", { constraint: constraint.takeVersion, reply });
  const t = useT();
  const locale = useLocale();
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  return (
    <>
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{t("versions.title")}</h1>
        <p>
          <ShownText text={conference.title} shown={conference.titleShown} />
        </p>
      </hgroup>
      <ReplyNotice reply={reply} only="success" />
      {canTake && conference.status !== "concluded" ? (
        <Form method="post" className="inline-form version-form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <Field label={t("versions.name")} placeholder={t("versions.namePlaceholder")} {...fieldProps(fields.name)} />
          <div className="form-buttons">
            <button type="submit">{t("versions.take")}</button>
          </div>
        </Form>
      ) : null}
      {versions.length > 0 ? (
        <p>
          <Link to={`${base}/versions/compare`}>{t("versions.compareLink")}</Link>
        </p>
      ) : null}
      {versions.length === 0 ? (
        <p className="muted">{t("versions.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("versions.version")}</th>
              <th scope="col">{t("versions.takenBy")}</th>
              <th scope="col">{t("versions.takenAt")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td data-label={t("versions.version")}>
                  <Link to={`${base}/versions/${v.id}`}>{v.kind === "manual" ? v.name : t(`versions.kinds.${v.kind}`)}</Link>
                </td>
                <td data-label={t("versions.takenBy")}>{v.takenByName ?? "—"}</td>
                <td data-label={t("versions.takenAt")}>{formatDateTime(locale, v.takenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
