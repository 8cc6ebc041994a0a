import { z } from "zod";

// What /api/v1 answers, described once. The routes type their bodies with
// these schemas and the OpenAPI description (openapi.server.ts) is generated
// from them, so the two cannot say different things (decision 0043). Objects
// are strict: a field a route adds without describing it fails the contract
// test, which checks real answers against the description.

const date = z.iso.date().describe("A calendar date, YYYY-MM-DD.");
const instant = z.string().describe("A moment, ISO 8601 in UTC.");
const agencyCode = z.string().describe("An agency's short code, e.g. VNC.");
const language = z.string().describe("A language code (en, vi, zh, lo).");

type TextsKey<F extends string> = F extends "text" ? "texts" : `${F}Texts`;
type ParallelShape<F extends string> = { [K in F]: z.ZodString } & { [K in `${F}Language`]: typeof language } & {
  [K in TextsKey<F>]: z.ZodRecord<z.ZodString, z.ZodString>;
} & { [K in `viewer${Capitalize<F>}`]: z.ZodObject<{ text: z.ZodString; language: typeof language }, z.core.$strict> };

/**
 * A text kept in every working language, answered the same way wherever it
 * is (decision 0044): `<field>` the base text, `<field>Language` its
 * language, `<field>Texts` (`texts` for a field named "text") every language
 * that has a text, and `viewer<Field>` the one this caller is shown.
 */
function inEveryLanguage<F extends string>(field: F, what: string): ParallelShape<F> {
  const capitalised = `${field[0].toUpperCase()}${field.slice(1)}`;
  return {
    [field]: z.string().describe(`${what} in its base language (\`${field}Language\`), as before parallel texts.`),
    [`${field}Language`]: language.describe(`The language of \`${field}\`: the base text's.`),
    [field === "text" ? "texts" : `${field}Texts`]: z
      .record(z.string(), z.string())
      .describe(`${what} in every language there is one, by language code; the base language's is always there, even empty.`),
    [`viewer${capitalised}`]: z
      .strictObject({ text: z.string(), language })
      .describe(
        `${what} this caller is shown: in their language (their account's, else the language cookie or Accept-Language) when there is a text in it, ` +
          "else in the series' first working language that has one; `language` names it, so one that differs from the caller's marks a fallback.",
      ),
  } as ParallelShape<F>;
}

export const ApiError = z
  .strictObject({
    error: z.string().describe("What went wrong, in plain words."),
    status: z.int().describe("The HTTP status, repeated."),
  })
  .meta({ id: "Error" });

export const Me = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
  })
  .meta({ id: "Me", description: "The person the session or token belongs to." });

export const Party = z.strictObject({ code: agencyCode, name: z.string(), country: z.string() }).meta({ id: "Party" });

export const SeriesItem = z
  .strictObject({
    slug: z.string(),
    name: z.string().describe("The name the series was created with."),
    viewerName: z.string().describe("The name in the viewer's language when the series was given one, else `name`."),
    parties: z.array(Party),
  })
  .meta({ id: "SeriesItem" });

export const SeriesList = z
  .array(SeriesItem)
  .meta({ id: "SeriesList", description: "The series the caller is a member of (every series for an admin), by name." });

const conferenceStatus = z.enum(["planned", "in_session", "concluded"]);

export const SeriesDetail = z
  .strictObject({
    slug: z.string(),
    name: z.string().describe("The name the series was created with."),
    description: z.string(),
    names: z.record(z.string(), z.string()).describe("The name given for each working language, by language code; a reader whose language has none reads `name`."),
    descriptions: z.record(z.string(), z.string()).describe("The description given for each working language, by language code."),
    viewerName: z.string().describe("The name in the viewer's language when it was given one, else `name`."),
    viewerDescription: z.string().describe("Likewise, the description."),
    languages: z.array(language).describe("Working languages in order; the first is the one new content is suggested in."),
    parties: z.array(Party),
    members: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        role: z.enum(["secretariat", "delegate", "observer"]),
        agency: agencyCode.nullable(),
      }),
    ),
    conferences: z.array(
      z.strictObject({
        id: z.int(),
        number: z.int(),
        ...inEveryLanguage("title", "The conference's title"),
        status: conferenceStatus,
        startsOn: date,
        endsOn: date,
        docName: z.string().describe("The co-edited document, for /collab/<docName>."),
      }),
    ),
  })
  .meta({ id: "Series" });

export const Conference = z
  .strictObject({
    id: z.int(),
    series: z.string().nullable().describe("The series' slug."),
    number: z.int(),
    ...inEveryLanguage("title", "The conference's title"),
    status: conferenceStatus,
    startsOn: date,
    endsOn: date,
    venue: z.string(),
    format: z.enum(["in_person", "online", "hybrid"]),
    host: agencyCode.nullable(),
    docName: z.string(),
    agenda: z.array(
      z.strictObject({
        id: z.string(),
        ...inEveryLanguage("title", "The item's title"),
        kind: z.string(),
        leadParty: agencyCode.nullable(),
        startTime: z.string().nullable(),
        durationMinutes: z.number().nullable(),
        ...inEveryLanguage("notes", "The item's notes, as plain text (one paragraph a line)"),
        ...inEveryLanguage("outcome", "The item's outcome, as plain text (one paragraph a line)"),
      }),
    ),
    draftActions: z.array(
      z.strictObject({
        id: z.string(),
        ...inEveryLanguage("text", "The action's text"),
        owners: z.array(agencyCode),
        due: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Conference", description: "A conference with its agenda and draft actions, as projected from the live document." });

const commitmentStatus = z.enum(["open", "in_progress", "done", "blocked", "dropped"]);

const CommitmentEvent = z.strictObject({
  at: instant,
  by: z.string().nullable().describe("Who did it, by name; null for the system or a removed account."),
  kind: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string(),
  reason: z.string().nullable(),
});

export const Commitment = z
  .strictObject({
        id: z.int(),
        ...inEveryLanguage("text", "The commitment's text"),
        owners: z.array(agencyCode),
        due: z.union([date, z.literal("next")]).nullable().describe('A date, "next" (by the next conference), or none.'),
        status: commitmentStatus,
        overdue: z.boolean(),
        agreedAt: z.strictObject({ conferenceId: z.int(), number: z.int() }),
        reviews: z.array(
          z.strictObject({
            conferenceId: z.int(),
            number: z.int(),
            held: z.boolean(),
            outcome: z.enum(["carried", "completed", "dropped", "revised"]).nullable(),
          }),
        ),
        carriedOver: z.int(),
        statusReason: z.string().nullable().describe("Why it is blocked or dropped, as written."),
        statusReasonLanguage: z.string().nullable().describe("The language the reason was written in; null when not known (reasons given before languages were kept)."),
        statusReasonTexts: z.record(z.string(), z.string()).describe("The reason in every language it has, by language code."),
        dropRequests: z.array(z.strictObject({ party: agencyCode, reason: z.string(), at: instant })),
        clauseId: z.int().nullable(),
        history: z.array(CommitmentEvent.omit({ kind: true })).describe("Creation and status changes."),
        events: z.array(CommitmentEvent).describe("Every recorded change, attributed."),
        followUps: z.array(
          z.strictObject({
            at: instant,
            by: z.string().nullable(),
            note: z.string(),
            figure: z.strictObject({ label: z.string(), value: z.number(), unit: z.string() }).optional(),
          }),
        ),
  })
  .meta({ id: "Commitment" });

export const CommitmentList = z
  .array(Commitment)
  .meta({ id: "CommitmentList", description: "Every commitment of a series, in the order of the conferences that agreed them." });

export const Agreement = z
  .strictObject({
        id: z.int(),
        ...inEveryLanguage("title", "The agreement's title"),
        parties: z.array(agencyCode),
        status: z.enum(["draft", "signed", "in_force", "expired", "terminated"]),
        signedOn: date.nullable(),
        signedAt: z.string().describe("Where it was signed."),
        signatories: z.array(z.strictObject({ name: z.string(), title: z.string(), agency: agencyCode.nullable() })),
        clauses: z.array(z.strictObject({ id: z.int(), ...inEveryLanguage("text", "The clause's text"), commitmentId: z.int().nullable() })),
  })
  .meta({ id: "Agreement" });

export const AgreementList = z.array(Agreement).meta({ id: "AgreementList" });

export const SlugParams = z.strictObject({ slug: z.string().describe("The series' slug, e.g. vn-cn-anti-smuggling.") });
export const ConferenceParams = z.strictObject({ id: z.string().regex(/^[1-9][0-9]*$/).describe("The conference's id.") });

/** A body that must match `schema`; typed only, so that a large list costs no second pass. */
export type ApiBody<S extends z.ZodType> = z.input<S>;
