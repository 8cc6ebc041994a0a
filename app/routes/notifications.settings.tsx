import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormMessage } from "../components/field";
import { SelectField } from "../components/select-field";
import { requireUser } from "../guards.server";
import { useT } from "../i18n/use-t";
import { DELIVERIES, NOTIFICATION_KINDS } from "../models/notification-kinds";
import { agencyTimeZoneOf, getPreferences, getTimeZone, setPreferences, setTimeZone } from "../models/notifications.server";
import { isTimeZone, knownTimeZones } from "../models/time-zones";

export const meta: MetaFunction = () => [{ title: "Accord" }];

const delivery = z.enum(DELIVERIES);
// Spelled out (not built from NOTIFICATION_KINDS) so that the parsed type names every kind.
const settingsSchema = z.object({
  assigned: delivery,
  due: delivery,
  overdue: delivery,
  shareAwaited: delivery,
  statusChanged: delivery,
  reviewReady: delivery,
  concluded: delivery,
  weeklySummary: delivery,
  timeZone: z.string().max(64).refine((zone) => zone === "" || isTimeZone(zone)),
});

/** Which notifications reach this person by mail, and their time zone for quiet hours. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [preferences, timeZone, agencyZone] = await Promise.all([
    getPreferences(context.db, user.id),
    getTimeZone(context.db, user.id),
    agencyTimeZoneOf(context.db, user.id),
  ]);
  return json({ preferences, timeZone, agencyZone, zones: knownTimeZones() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const parsed = settingsSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false as const }, { status: 400 });
  const { timeZone, ...preferences } = parsed.data;
  await setPreferences(context.db, user.id, preferences);
  await setTimeZone(context.db, user.id, timeZone === "" ? null : timeZone);
  return json({ ok: true as const });
}

export default function NotificationSettings() {
  const { preferences, timeZone, agencyZone, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("notify.settings.title")}</h1>
        <p>{t("notify.settings.intro")}</p>
      </hgroup>
      <p>
        <Link to="/notifications">{t("notify.title")}</Link>
      </p>
      {result ? (
        result.ok ? (
          <FormMessage tone="success">{t("notify.settings.saved")}</FormMessage>
        ) : (
          <FormMessage tone="error">{t("notify.settings.invalid")}</FormMessage>
        )
      ) : null}
      <Form method="post">
        {NOTIFICATION_KINDS.map((kind) => (
          <fieldset key={kind} className="notify-kind">
            <legend>{t(`notify.kinds.${kind}`)}</legend>
            {DELIVERIES.map((delivery) => (
              <label key={delivery}>
                <input type="radio" name={kind} value={delivery} defaultChecked={preferences[kind] === delivery} />
                {t(`notify.deliveries.${delivery}`)}
              </label>
            ))}
          </fieldset>
        ))}
        <p className="muted">{t("notify.settings.digestNote")}</p>
        <SelectField label={t("notify.settings.timeZone")} name="timeZone" defaultValue={timeZone ?? ""} aria-describedby="time-zone-help">
          <option value="">{t("notify.settings.timeZoneAgency", { zone: agencyZone })}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <p id="time-zone-help" className="muted">
          {t("notify.settings.timeZoneHelp")}
        </p>
        <button type="submit">{t("notify.settings.save")}</button>
      </Form>
    </>
  );
}
