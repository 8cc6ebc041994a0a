import type { LoaderFunctionArgs } from "@remix-run/node";
import { redlineDocx } from "../exports/redline-docx.server";
import { loadRedline } from "../exports/redline.server";
import { i18nFor } from "../i18n/i18n";
import { pickText } from "../models/parallel-text-rules";

/** The redline of the compare page as a Word document with tracked changes, in one working language (?lang=). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const data = await loadRedline(context, request, params);
  const requested = new URL(request.url).searchParams.get("lang");
  const language = requested && data.series.languages.includes(requested) ? requested : data.conference.baseLanguage;
  const { t } = i18nFor(context.locale);
  const name = (label: string | null) => (label === null ? t("versions.now") : label.startsWith("kind:") ? t(`versions.kinds.${label.slice(5)}`) : label);
  const body = await redlineDocx(
    {
      seriesName: data.series.name,
      conferenceTitle: pickText(data.conference.titles, language, data.series.languages, data.conference.baseLanguage).text,
      language,
      between: t("redline.betweenPlain", { from: name(data.from.label), to: name(data.to.label) }),
      entries: data.entries,
      who: data.who,
    },
    context.locale,
  );
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${data.series.slug}-${data.conference.number}-redline-${language}.docx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
