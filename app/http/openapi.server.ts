import { z } from "zod";
import * as api from "./api-schemas.server";

// The OpenAPI 3.1 description of /api/v1, generated from the zod schemas the
// routes type their answers with (decision 0043). OpenAPI 3.1 schemas are
// JSON Schema 2020-12, which z.toJSONSchema() writes; no other library.

interface Endpoint {
  path: string;
  operationId: string;
  summary: string;
  params?: z.ZodObject;
  body: z.ZodType;
  /** Error statuses besides 401 (every endpoint needs a session or a token). */
  errors: Partial<Record<400 | 404, string>>;
}

export const OPENAPI_PATH = "/api/v1/openapi.json";

const SERIES_HIDDEN = "No such series, or the caller is not a member of it: the same answer, so that a series' existence does not leak.";

export const ENDPOINTS: Endpoint[] = [
  { path: "/api/v1/me", operationId: "getMe", summary: "The signed-in person", body: api.Me, errors: {} },
  { path: "/api/v1/series", operationId: "listSeries", summary: "The caller's series", body: api.SeriesList, errors: {} },
  {
    path: "/api/v1/series/{slug}",
    operationId: "getSeries",
    summary: "A series: languages, parties, members and conferences",
    params: api.SlugParams,
    body: api.SeriesDetail,
    errors: { 404: SERIES_HIDDEN },
  },
  {
    path: "/api/v1/series/{slug}/commitments",
    operationId: "listCommitments",
    summary: "Every commitment of a series, with lineage, history and follow-ups",
    params: api.SlugParams,
    body: api.CommitmentList,
    errors: { 404: SERIES_HIDDEN },
  },
  {
    path: "/api/v1/series/{slug}/agreements",
    operationId: "listAgreements",
    summary: "The agreements (MoUs) of a series",
    params: api.SlugParams,
    body: api.AgreementList,
    errors: { 404: SERIES_HIDDEN },
  },
  {
    path: "/api/v1/conferences/{id}",
    operationId: "getConference",
    summary: "A conference with its agenda and draft actions",
    params: api.ConferenceParams,
    body: api.Conference,
    errors: { 404: "No such conference, or the caller is not a member of its series." },
  },
];

/** Every schema with an id, each a component that the others refer to. */
const COMPONENTS = [
  api.ApiError,
  api.Me,
  api.Party,
  api.SeriesItem,
  api.SeriesList,
  api.SeriesDetail,
  api.Conference,
  api.Commitment,
  api.CommitmentList,
  api.Agreement,
  api.AgreementList,
];

type JsonSchema = Record<string, unknown>;

function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("An API schema without an id cannot be a component.");
  return id;
}

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${idOf(schema)}` });

function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const schema of COMPONENTS) registry.add(schema, { id: idOf(schema) });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io: "output", uri: (id) => `#/components/schemas/${id}` });
  // Components live inside one document: their $id and $schema would make each its own resource.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _id, $schema: _schema, ...schema }]) => [id, schema as JsonSchema]));
}

function parametersOf(params: z.ZodObject | undefined) {
  if (!params) return undefined;
  return Object.entries(params.shape).map(([name, schema]) => {
    const { $schema: _schema, description, ...json } = z.toJSONSchema(schema as z.ZodType, { target: "draft-2020-12", io: "input" });
    return { name, in: "path", required: true, description, schema: json };
  });
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref(api.ApiError) } } });

/** The description as JSON; built once per process, since it only changes with the code. */
let built: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  built ??= {
    openapi: "3.1.0",
    info: {
      title: "Accord API",
      version: "1",
      description:
        "Read-only JSON API of Accord: series, conferences with their agenda, commitments with their history, agreements. " +
        "Every endpoint needs a session cookie (POST /login) or a personal API token (Authorization: Bearer accord_…). Answers are never cached.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { token: [] }],
    paths: Object.fromEntries([
      [
        OPENAPI_PATH,
        {
          get: {
            operationId: "getOpenApi",
            summary: "This description",
            security: [],
            responses: { 200: { description: "The OpenAPI 3.1 description of /api/v1.", content: { "application/json": { schema: { type: "object" } } } } },
          },
        },
      ],
      ...ENDPOINTS.map((e) => [
        e.path,
        {
          get: {
            operationId: e.operationId,
            summary: e.summary,
            parameters: parametersOf(e.params),
            responses: {
              200: { description: "OK", content: { "application/json": { schema: ref(e.body) } } },
              401: errorResponse("Neither a valid session nor a valid token."),
              ...Object.fromEntries(Object.entries(e.errors).map(([status, description]) => [status, errorResponse(description)])),
            },
          },
        },
      ]),
    ]),
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "accord_session",
          description: "The session cookie set by POST /login (named __Host-accord_session when served over HTTPS).",
        },
        token: { type: "http", scheme: "bearer", description: "A personal API token from the account page; opens the API only, for GET and HEAD." },
      },
    },
  };
  return built;
}
