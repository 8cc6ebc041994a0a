import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireConference } from "../http/conference-access.server";
import { concludeConferenceNow, openConferenceSession } from "../commands/conference-commands.server";
import { DomainError } from "../models/errors.server";

/** Conference lifecycle commands: open the session, conclude and adopt the record. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series, conference } = await requireConference(context, request, params, "series.edit");
  const intent = String((await request.formData()).get("intent") ?? "");
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  const actor = { userId: user.id, ip: context.clientIp };
  try {
    if (intent === "open") {
      await openConferenceSession(context, actor, conference);
      return redirect(base, { status: 303 });
    }
    if (intent !== "conclude") return redirect(base, { status: 303 });
    await concludeConferenceNow(context, actor, conference);
    return redirect(`${base}/record`, { status: 303 });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The check page lists what stops adoption, so that it can be put right.
    if (error.code === "conclusionBlocked") return redirect(`${base}/conclude`, { status: 303 });
    return redirect(`${base}?error=${encodeURIComponent(error.code)}`, { status: 303 });
  }
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
