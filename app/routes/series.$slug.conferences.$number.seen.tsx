import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireConference } from "../http/conference-access.server";
import { markSeen } from "../models/changes-since.server";

/** "Mark as seen": the conference's document as it is now becomes where this reader's next "changes since" starts. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series, conference } = await requireConference(context, request, params);
  const state = await context.collab.currentState(conference.docName);
  await markSeen(context.db, context.clock, { userId: user.id, conferenceId: conference.id, state });
  return redirect(`/series/${series.slug}/conferences/${conference.number}`, { status: 303 });
}

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/series/${params.slug ?? ""}/conferences/${params.number ?? ""}`);
}
