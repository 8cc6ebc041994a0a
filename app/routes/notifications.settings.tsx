import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/field";
import { ReplyNotice, savedMessage, type FormReply } from "../components/form-replies";
import { SelectField } from "../components/select-field";
import { parseForm, refusedWith, saved } from "../http/form-reply.server";
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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "createFeed") {
    const path = await addCalendarFeed(context, { userId: user.id, email: user.email, ip: context.clientIp });
    // Shown once: only its hash is kept.
    return saved("createFeed", form, "notify.feed.created", { url: `${new URL(request.url).origin}${path}` }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent === "removeFeed") {
    await dropCalendarFeed(context, { userId: user.id, email: user.email, ip: context.clientIp });
    return saved("removeFeed", form, "notify.feed.removed");
  }
  const submission = parseForm(form, settingsSchema);
  if (submission.status !== "success") return refusedWith("settings", submission, "notify.settings.invalid");
  const { timeZone, ...preferences } = submission.value;
  await setPreferences(context.db, user.id, preferences);
  await setTimeZone(context.db, user.id, timeZone === "" ? null : timeZone);
  return saved("settings", submission, "notify.settings.saved");
}

export default function NotificationSettings() {
  const { preferences, timeZone, agencyZone, zones, feedSince } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as (FormReply & { url?: string }) | undefined;
  const t = useT();
  const locale = useLocale();
  const newFeed = savedMessage(reply, "createFeed") ? (reply?.url ?? null) : null;
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("notify.settings.title")}</h1>
        <p>{t("notify.settings.intro")}</p>
      </hgroup>
      <p>
        <Link to="/notifications">{t("notify.title")}</Link>
      </p>
      {reply?.form === "settings" ? <ReplyNotice reply={reply} /> : null}
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
        {reply?.form === "removeFeed" ? <ReplyNotice reply={reply} /> : null}
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
