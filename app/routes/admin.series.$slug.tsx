import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { PartyPicker } from "../components/party-picker";
import { RoleBadge } from "../components/role-badge";
import { formKeyAfter } from "../components/form-reset";
import { GrantForm } from "../components/grant-form";
import { domainInvalid, done, invalid, zodInvalid } from "../http/form-result.server";
import { requireAdmin } from "../http/guards.server";
import { listAgencies } from "../models/agencies.server";
import { grantSeriesRole, revokeSeriesRole, saveSeries } from "../commands/admin-commands.server";
import { getSeriesBySlug, getSeriesMembers, getSeriesParties } from "../models/series.server";
import { getUser, listUsers } from "../models/users.server";
import { agencyCodeField, descriptionField, nameField, roleField, workingLanguagesField } from "../validation/fields";
import { LanguagePicker } from "../components/language-picker";

const updateSchema = z.object({
  name: nameField,
  description: descriptionField.default(""),
  parties: z.array(agencyCodeField).min(2, { message: "errors.seriesNeedsTwoParties" }),
  // Absent (a script that predates working languages): the default on create, unchanged on update.
  languages: workingLanguagesField.optional(),
});
const grantSchema = z.object({
  userId: z.string().min(1, { message: "errors.userNotFound" }),
  // Empty: the person's own agency (what the form pre-selects), so the common case needs no choice.
  agencyId: z.union([z.literal("").transform(() => null), z.coerce.number({ message: "errors.unknownAgency" }).int().positive({ message: "errors.unknownAgency" })]).default(null),
  role: roleField,
});
const revokeSchema = z.object({ userId: z.string().min(1) });

async function loadSeries(context: LoaderFunctionArgs["context"], request: Request, slug: string | undefined) {
  const admin = await requireAdmin(context, request);
  const series = await getSeriesBySlug(context.db, slug ?? "");
  if (!series) throw new Response("Not Found", { status: 404 });
  return { admin, series };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { series } = await loadSeries(context, request, params.slug);
  const [parties, members, agencies, users] = await Promise.all([
    getSeriesParties(context.db, series.id),
    getSeriesMembers(context.db, series.id, context.locale),
    listAgencies(context.db, context.locale),
    listUsers(context.db, context.locale),
  ]);
  return { series, parties, members, agencies, users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, agencyId: u.agency_id })) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { admin, series } = await loadSeries(context, request, params.slug);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const actor = { userId: admin.id, ip: context.clientIp };
  try {
    switch (intent) {
      case "update": {
        const parsed = updateSchema.safeParse({ ...Object.fromEntries(form), parties: form.getAll("parties"), languages: form.has("languages") ? form.getAll("languages") : undefined });
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await saveSeries(context, actor, series, { ...parsed.data, partyCodes: parsed.data.parties }, { parties: parsed.data.parties, languages: parsed.data.languages });
        return done(intent, "admin.seriesSaved");
      }
      case "grant": {
        const parsed = grantSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        const agencyId = parsed.data.agencyId ?? (await getUser(context.db, parsed.data.userId))?.agency_id ?? null;
        if (agencyId === null) return invalid({ agencyId: "errors.agencyNotParty" }, intent);
        await grantSeriesRole(context, actor, series, { ...parsed.data, agencyId }, parsed.data);
        return done(intent, "admin.granted");
      }
      case "revoke": {
        const parsed = revokeSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return zodInvalid(parsed.error, intent);
        await revokeSeriesRole(context, actor, series, parsed.data.userId);
        return done(intent, "admin.revoked");
      }
      default:
        return zodInvalid(new z.ZodError([]), intent);
    }
  } catch (error) {
    return domainInvalid(error, intent);
  }
}

export default function AdminSeriesDetail() {
  const { series, parties, members, agencies, users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.errors : {});
  return (
    <>
      <hgroup className="page-title">
        <h2>{series.name}</h2>
        <p>
          <Link to={`/series/${series.slug}`}>/series/{series.slug}</Link>
        </p>
      </hgroup>
      {result?.ok ? <FormMessage tone="success">{t(result.message)}</FormMessage> : null}
      {result && !result.ok && result.errors.form ? <FormMessage tone="error">{t(result.errors.form)}</FormMessage> : null}

      <section aria-labelledby="members-heading">
        <h3 id="members-heading">{t("admin.membersTitle")}</h3>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.person")}</th>
                <th scope="col">{t("admin.onBehalfOf")}</th>
                <th scope="col">{t("series.role")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    <br />
                    <small className="muted">{m.email}</small>
                  </td>
                  <td title={m.agencyName}>{m.agencyCode}</td>
                  <td>
                    <RoleBadge role={m.role} />
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="secondary outline compact" aria-label={`${t("admin.revoke")} ${m.name}`}>
                        {t("admin.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <GrantForm key={formKeyAfter(result, "grant")} users={users} parties={parties} errors={errorsFor("grant")} />
      </section>

      <article>
        <h3>{t("admin.edit")}</h3>
        <Form method="post" aria-label={t("admin.edit")}>
          <input type="hidden" name="intent" value="update" />
          <Field label={t("admin.seriesName")} name="name" defaultValue={series.name} required error={errorsFor("update").name} />
          <label>
            {t("admin.seriesDescription")}
            <textarea name="description" rows={3} defaultValue={series.description} />
          </label>
          <PartyPicker agencies={agencies} selected={parties.map((p) => p.code)} error={errorsFor("update").parties} />
          <LanguagePicker selected={series.languages} error={errorsFor("update").languages} />
          <button type="submit">{t("admin.save")}</button>
        </Form>
      </article>
    </>
  );
}
