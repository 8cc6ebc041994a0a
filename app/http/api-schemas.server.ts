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

export const SeriesItem = z.strictObject({ slug: z.string(), name: z.string(), parties: z.array(Party) }).meta({ id: "SeriesItem" });

export const SeriesList = z
  .array(SeriesItem)
  .meta({ id: "SeriesList", description: "The series the caller is a member of (every series for an admin), by name." });

const conferenceStatus = z.enum(["planned", "in_session", "concluded"]);

export const SeriesDetail = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
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
        title: z.string(),
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
    title: z.string(),
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
        title: z.string(),
        kind: z.string(),
        leadParty: agencyCode.nullable(),
        startTime: z.string().nullable(),
        durationMinutes: z.number().nullable(),
        notes: z.string(),
        outcome: z.string(),
      }),
    ),
    draftActions: z.array(z.strictObject({ id: z.string(), text: z.string(), owners: z.array(agencyCode), due: z.string().nullable() })),
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
        text: z.string(),
        textLanguage: language,
        texts: z.record(z.string(), z.string()).describe("The text in every language there is, by language."),
        viewerText: z.strictObject({ text: z.string(), language }).describe("The text this caller is shown, in their language when there is one."),
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
        statusReason: z.string().nullable(),
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
        title: z.string(),
        parties: z.array(agencyCode),
        status: z.enum(["draft", "signed", "in_force", "expired", "terminated"]),
        signedOn: date.nullable(),
        signedAt: z.string().describe("Where it was signed."),
        signatories: z.array(z.strictObject({ name: z.string(), title: z.string(), agency: agencyCode.nullable() })),
        clauses: z.array(z.strictObject({ id: z.int(), text: z.string(), commitmentId: z.int().nullable() })),
  })
  .meta({ id: "Agreement" });

export const AgreementList = z.array(Agreement).meta({ id: "AgreementList" });

export const SlugParams = z.strictObject({ slug: z.string().describe("The series' slug, e.g. vn-cn-anti-smuggling.") });
export const ConferenceParams = z.strictObject({ id: z.string().regex(/^[1-9][0-9]*$/).describe("The conference's id.") });

/** A body that must match `schema`; typed only, so that a large list costs no second pass. */
export type ApiBody<S extends z.ZodType> = z.input<S>;
