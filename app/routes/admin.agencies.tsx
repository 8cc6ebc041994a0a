import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { z } from "zod";
import { Field, FormMessage } from "../components/field";
import { formKeyAfter } from "../components/form-reset";
import { domainInvalid, done, parseForm, zodInvalid } from "../http/form-result.server";
import { requireAdmin } from "../http/guards.server";
import { addAgency, saveAgency } from "../commands/admin-commands.server";
import { listAgencies } from "../models/agencies.server";
import { agencyTimeZones } from "../models/notifications.server";
import { isTimeZone } from "../models/time-zones";
import { agencyCodeField, countryField, nameField } from "../validation/fields";

// The time zone the agency's people follow unless they choose their own (quiet hours of notification mail).
const timeZoneField = z
  .string()
  .trim()
  .max(64)
  .refine((zone) => zone === "" || isTimeZone(zone), { message: "notify.agencyTimeZoneInvalid" })
  .transform((zone) => (zone === "" ? null : zone))
  .optional();
const agencySchema = z.object({ code: agencyCodeField, name: nameField, country: countryField, timeZone: timeZoneField });
const updateSchema = agencySchema.extend({ id: z.coerce.number().int().positive() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const [agencies, zones] = await Promise.all([listAgencies(context.db, context.locale), agencyTimeZones(context.db)]);
  return { agencies: agencies.map((a) => ({ ...a, timeZone: zones[a.id] ?? "" })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "update") {
      const parsed = parseForm(updateSchema, form);
      if (!parsed.success) return zodInvalid(parsed.error, intent);
      await saveAgency(context, { userId: admin.id, ip: context.clientIp }, parsed.data.id, parsed.data);
      return done(intent, "admin.agencySaved", { code: parsed.data.code });
    }
    const parsed = parseForm(agencySchema, form);
    if (!parsed.success) return zodInvalid(parsed.error, "create");
    const agency = await addAgency(context, { userId: admin.id, ip: context.clientIp }, parsed.data);
    return done("create", "admin.agencyAdded", { code: agency.code });
  } catch (error) {
    return domainInvalid(error, intent);
  }
}

export default function AdminAgencies() {
  const { agencies } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = Number(params.get("edit")) || null;
  const t = useT();
  const createErrors = result && !result.ok && result.intent !== "update" ? result.errors : {};
  const updateErrors = result && !result.ok && result.intent === "update" ? result.errors : {};
  return (
    <>
      <h2>{t("admin.agencies")}</h2>
      {result?.ok ? <FormMessage tone="success">{t(result.message, result.values)}</FormMessage> : null}
      {result && !result.ok && result.errors.form ? <FormMessage tone="error">{t(result.errors.form)}</FormMessage> : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.agencyCode")}</th>
              <th scope="col">{t("admin.agencyName")}</th>
              <th scope="col">{t("series.country")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agencies.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {t("admin.noAgencies")}
                </td>
              </tr>
            ) : null}
            {agencies.map((a) =>
              editing === a.id ? (
                <tr key={a.id}>
                  <td colSpan={4}>
                    <Form method="post" className="inline-form" aria-label={`${t("admin.edit")} ${a.code}`}>
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="id" value={a.id} />
                      <Field label={t("admin.agencyCode")} name="code" defaultValue={a.code} required error={updateErrors.code} />
                      <Field label={t("admin.agencyName")} name="name" defaultValue={a.name} required error={updateErrors.name} />
                      <Field label={t("admin.agencyCountry")} name="country" defaultValue={a.country} required maxLength={2} error={updateErrors.country} />
                      <Field label={t("notify.agencyTimeZone")} name="timeZone" defaultValue={a.timeZone} maxLength={64} placeholder="Asia/Ho_Chi_Minh" error={updateErrors.timeZone} />
                      <div className="form-buttons">
                        <button type="submit">{t("admin.save")}</button>
                        <Link to="/admin/agencies" role="button" className="secondary outline">
                          {t("admin.cancel")}
                        </Link>
                      </div>
                    </Form>
                  </td>
                </tr>
              ) : (
                <tr key={a.id}>
                  <td>
                    <strong>{a.code}</strong>
                  </td>
                  <td>{a.name}</td>
                  <td>{a.country}</td>
                  <td>
                    <Link to={`?edit=${a.id}`} aria-label={`${t("admin.edit")} ${a.code}`}>
                      {t("admin.edit")}
                    </Link>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <article>
        <h3>{t("admin.addAgency")}</h3>
        <Form method="post" className="inline-form" key={formKeyAfter(result, "create")}>
          <input type="hidden" name="intent" value="create" />
          <Field label={t("admin.agencyCode")} name="code" required maxLength={16} error={createErrors.code} />
          <Field label={t("admin.agencyName")} name="name" required error={createErrors.name} />
          <Field label={t("admin.agencyCountry")} name="country" required maxLength={2} error={createErrors.country} />
          <Field label={t("notify.agencyTimeZone")} name="timeZone" maxLength={64} placeholder="Asia/Ho_Chi_Minh" error={createErrors.timeZone} />
          <div className="form-buttons">
            <button type="submit">{t("admin.addAgency")}</button>
          </div>
        </Form>
      </article>
    </>
  );
}
