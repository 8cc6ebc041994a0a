import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConferenceBreadcrumb } from "../components/conference-breadcrumb";
import { Field, FormMessage } from "../components/field";
import { requireConference } from "../http/conference-access.server";
import { domainInvalid, done, zodInvalid } from "../http/form-result.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { listVersions, takeVersion } from "../models/document-versions.server";
import { can } from "../models/permissions.server";
import { versionSchema } from "../validation/version";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Accord` : "Accord" }];

/** The versions of a conference's document: who took each and when; a secretariat takes a new one. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, membership, series, conference } = await requireConference(context, request, params);
  return {
    series: { slug: series.slug, name: series.name },
    conference: { number: conference.number, title: conference.title, status: conference.status },
    versions: await listVersions(context.db, conference.id),
    canTake: can({ user, membership }, "series.edit"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, conference } = await requireConference(context, request, params, "series.edit");
  const parsed = versionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return zodInvalid(parsed.error, "takeVersion");
  try {
    const snapshot = await context.collab.currentState(conference.docName);
    await takeVersion(context.db, context.clock, { conferenceId: conference.id, name: parsed.data.name, kind: "manual", by: user.id, snapshot });
  } catch (error) {
    return domainInvalid(error, "takeVersion");
  }
  return done("takeVersion", "versions.taken");
}

export default function ConferenceVersions() {
  const { series, conference, versions, canTake } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  return (
    <>
      <ConferenceBreadcrumb series={series} number={conference.number} />
      <hgroup className="page-title">
        <h1>{t("versions.title")}</h1>
        <p>{conference.title}</p>
      </hgroup>
      {result?.ok ? <FormMessage tone="success">{t(result.message ?? "versions.taken")}</FormMessage> : null}
      {canTake && conference.status !== "concluded" ? (
        <Form method="post" className="inline-form version-form" key={result?.ok ? versions.length : "editing"}>
          <Field
            label={t("versions.name")}
            name="name"
            required
            maxLength={200}
            placeholder={t("versions.namePlaceholder")}
            error={result && !result.ok ? Object.values(result.errors)[0] : undefined}
          />
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
