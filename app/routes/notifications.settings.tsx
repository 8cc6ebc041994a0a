import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/field";
import { SelectField } from "../components/select-field";
import { requireUser } from "../http/guards.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { addCalendarFeed, dropCalendarFeed } from "../commands/account-commands.server";
import { DELIVERIES, NOTIFICATION_KINDS } from "../models/notification-kinds";
import { calendarFeedSince } from "../models/calendar-feed.server";
import { agencyTimeZoneOf, getPreferences, getTimeZone, setPreferences, setTimeZone } from "../models/notifications.server";
import { knownTimeZones } from "../models/time-zones";
import { settingsSchema } from "../validation/notification-settings";

export const meta: MetaFunction = () => [{ title: "Accord" }];


/** Which notifications reach this person by mail, and their time zone for quiet hours. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [preferences, timeZone, agencyZone, feedSince] = await Promise.all([
    getPreferences(context.db, user.id),
    getTimeZone(context.db, user.id),
    agencyTimeZoneOf(context.db, user.id),
    calendarFeedSince(context.db, user.id),
  ]);
  return { preferences, timeZone, agencyZone, zones: knownTimeZones(), feedSince };
}

type ActionResult = { intent: "settings"; ok: boolean } | { intent: "createFeed"; ok: true; url: string } | { intent: "removeFeed"; ok: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "createFeed") {
    const path = await addCalendarFeed(context, { userId: user.id, email: user.email, ip: context.clientIp });
    // Shown once: only its hash is kept.
    return json({ intent: "createFeed", ok: true, url: `${new URL(request.url).origin}${path}` } as ActionResult, { headers: { "Cache-Control": "no-store" } });
  }
  if (form.intent === "removeFeed") {
    await dropCalendarFeed(context, { userId: user.id, email: user.email, ip: context.clientIp });
    return json({ intent: "removeFeed", ok: true } as ActionResult);
  }
  const parsed = settingsSchema.safeParse(form);
  if (!parsed.success) return json({ intent: "settings", ok: false } as ActionResult, { status: 400 });
  const { timeZone, ...preferences } = parsed.data;
  await setPreferences(context.db, user.id, preferences);
  await setTimeZone(context.db, user.id, timeZone === "" ? null : timeZone);
  return json({ intent: "settings", ok: true } as ActionResult);
}

export default function NotificationSettings() {
  const { preferences, timeZone, agencyZone, zones, feedSince } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const newFeed = result?.intent === "createFeed" ? result.url : null;
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("notify.settings.title")}</h1>
        <p>{t("notify.settings.intro")}</p>
      </hgroup>
      <p>
        <Link to="/notifications">{t("notify.title")}</Link>
      </p>
      {result?.intent === "settings" ? (
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
        <input type="hidden" name="intent" value="settings" />
        <button type="submit">{t("notify.settings.save")}</button>
      </Form>
      <section aria-labelledby="calendar-feed">
        <h2 id="calendar-feed">{t("notify.feed.title")}</h2>
        <p className="muted">{t("notify.feed.intro")}</p>
        {newFeed ? (
          <>
            <FormMessage tone="success">{t("notify.feed.created")}</FormMessage>
            <label>
              {t("notify.feed.address")}
              <input type="text" readOnly value={newFeed} onFocus={(e) => e.currentTarget.select()} />
            </label>
          </>
        ) : null}
        {result?.intent === "removeFeed" ? <FormMessage tone="success">{t("notify.feed.removed")}</FormMessage> : null}
        {feedSince && !newFeed ? <p>{t("notify.feed.since", { when: formatDateTime(locale, feedSince) })}</p> : null}
        <div className="form-buttons">
          <Form method="post">
            <input type="hidden" name="intent" value="createFeed" />
            <button type="submit" className={feedSince ? "secondary" : undefined}>
              {feedSince ? t("notify.feed.replace") : t("notify.feed.create")}
            </button>
          </Form>
          {feedSince ? (
            <Form method="post">
              <input type="hidden" name="intent" value="removeFeed" />
              <button type="submit" className="secondary outline">
                {t("notify.feed.remove")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </>
  );
}
