import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/field";
import { Pager } from "../components/pager";
import { ReplyNotice } from "../components/form-replies";
import { parseForm, refusedWith } from "../http/form-reply.server";
import { requireUser } from "../http/guards.server";
import { formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { DomainError } from "../models/errors.server";
import { notificationMessage } from "../models/notification-text";
import { markAllRead, markRead, pageOfNotifications } from "../models/notifications.server";
import { pageSchema, actionSchema } from "../validation/notification-list";

export const meta: MetaFunction = () => [{ title: "Accord" }];


/** A person's own notifications, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return data(await pageOfNotifications(context.db, user.id, page), { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const submission = parseForm(form, actionSchema);
  if (submission.status !== "success") return refusedWith("notification", submission, "notify.notFound");
  const asked = submission.value;
  if (asked.intent === "readAll") {
    await markAllRead(context.db, context.clock, user.id);
  } else {
    try {
      await markRead(context.db, context.clock, user.id, asked.id);
    } catch (error) {
      // Someone else's notification is answered as if it did not exist.
      if (error instanceof DomainError) return refusedWith("notification", submission, "notify.notFound", { status: 404 });
      throw error;
    }
  }
  context.notices.unreadChanged(user.id);
  // Back to the same page of the list (Post/Redirect/Get), with or without script.
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return redirect(page > 1 ? `/notifications?page=${page}` : "/notifications", { status: 303 });
}

export default function Notifications() {
  const { items, page, pages, total } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const suffix = page > 1 ? `?page=${page}` : "";
  const anyUnread = items.some((n) => !n.read);
  return (
    <>
      <hgroup className="page-title">
        <h1>{t("notify.title")}</h1>
        <p>{t("notify.intro")}</p>
      </hgroup>
      <ReplyNotice reply={reply} only="error" />
      <p className="notify-actions">
        <Link to="/notifications/settings">{t("notify.settingsLink")}</Link>
      </p>
      {anyUnread ? (
        <Form method="post" action={`/notifications${suffix}`}>
          <input type="hidden" name="intent" value="readAll" />
          <button type="submit" className="secondary compact">
            {t("notify.markAllRead")}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <FormMessage tone="success">{t("notify.empty")}</FormMessage>
      ) : (
        <ul className="notification-list" aria-label={t("notify.title")}>
          {items.map((n) => (
            <li key={n.id} className={n.read ? "notification read" : "notification unread"}>
              {n.read ? null : <strong className="badge">{t("notify.unread")}</strong>}{" "}
              {/* Through /notifications/<id>: opening it marks it read, then goes to the thing. */}
              <Link to={`/notifications/${n.id}`} id={`notification-${n.id}`}>
                {notificationMessage(t, locale, n.kind, n.params)}
              </Link>
              <br />
              <small className="muted">{t("notify.received", { when: formatDateTime(locale, n.createdAt) })}</small>
              {n.read ? null : (
                <Form method="post" action={`/notifications${suffix}`} className="inline-form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  {/* Each button is described by its notification, so a screen reader can tell them apart. */}
                  <button type="submit" className="secondary outline compact" aria-describedby={`notification-${n.id}`}>
                    {t("notify.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} total={total} />
    </>
  );
}
