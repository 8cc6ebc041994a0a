import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import * as Y from "yjs";
import { readActions, readAgenda } from "../collab/conference-doc";
import { publishCommitment } from "../commitment-commands.server";
import { requireConference } from "../conference-access.server";
import { recordAudit } from "../models/audit.server";
import { concludeConference, openSession } from "../models/conference-lifecycle.server";
import { DomainError } from "../models/errors.server";

/** Conference lifecycle commands: open the session, conclude and adopt the record. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, series, conference } = await requireConference(context, request, params, "series.edit");
  const intent = String((await request.formData()).get("intent") ?? "");
  const base = `/series/${series.slug}/conferences/${conference.number}`;
  try {
    if (intent === "open") {
      await openSession(context.db, conference.id);
      await recordAudit(context.db, context.clock, { kind: "conference.opened", subject: `conference:${conference.id}`, actorId: user.id, ip: context.clientIp });
      return redirect(base, { status: 303 });
    }
    if (intent !== "conclude") return redirect(base, { status: 303 });
    if (conference.status === "concluded") throw new DomainError("alreadyConcluded");

    // Freeze first, so no edit can slip in between what is adopted and the moment it is.
    let adopted;
    try {
      const snapshot = await context.collab.freeze(conference.docName);
      await context.collab.flush(conference.docName);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, snapshot);
      adopted = await concludeConference(context.db, context.clock, user.id, {
        conferenceId: conference.id,
        snapshot,
        agenda: readAgenda(doc),
        actions: readActions(doc),
      });
      doc.destroy();
    } catch (error) {
      await context.collab.unfreeze(conference.docName);
      throw error;
    }
    for (const id of adopted.commitmentIds) await publishCommitment(context, user.id, id);
    await recordAudit(context.db, context.clock, {
      kind: "conference.concluded",
      subject: `conference:${conference.id}`,
      actorId: user.id,
      ip: context.clientIp,
      detail: { sha256: adopted.sha256, commitments: adopted.commitmentIds.length },
    });
    return redirect(`${base}/record`, { status: 303 });
  } catch (error) {
    if (error instanceof DomainError) return redirect(`${base}?error=${encodeURIComponent(error.code)}`, { status: 303 });
    throw error;
  }
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
