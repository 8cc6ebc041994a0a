import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirectPath } from "../redirect-target";
import { localeCookie } from "../i18n/locale-cookie";
import { setUserLocale } from "../models/users.server";
import { localeField } from "../validation/fields";

const schema = z.object({ locale: localeField, redirectTo: z.string().optional() });

/** Remembers the language on the account (and in a cookie for the sign-in page). */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return redirect("/", { status: 303 });
  const { locale, redirectTo } = parsed.data;
  if (context.user) await setUserLocale(context.db, context.user.id, locale);
  const secure = new URL(request.url).protocol === "https:";
  return redirect(safeRedirectPath(redirectTo), {
    status: 303,
    headers: { "Set-Cookie": localeCookie(locale, secure) },
  });
}

export function loader() {
  return redirect("/");
}
