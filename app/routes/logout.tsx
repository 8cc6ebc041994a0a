import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordAudit } from "../models/audit.server";

export async function action({ context }: ActionFunctionArgs) {
  if (!context.session) return redirect("/login", { status: 303 });
  await recordAudit(context.db, context.clock, {
    kind: "signout",
    subject: context.user?.email ?? "",
    actorId: context.user?.id ?? null,
    ip: context.clientIp,
  });
  const blank = await context.sessions.end(context.session.id);
  if (context.user) await context.collab.revalidate(context.user.id);
  // The sign-in page then says "You have signed out.", so nobody wonders whether it worked.
  return redirect("/login?signedOut=1", { status: 303, headers: { "Set-Cookie": blank } });
}

export function loader() {
  return redirect("/");
}
