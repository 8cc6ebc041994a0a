import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../helpers/collab";
import { ROOT } from "../helpers/env";
import { HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

// The OpenAPI description of /api/v1 is a valid OpenAPI 3.1 document, and
// every answer the real server gives — with a session, with a token, and the
// errors — is one the description declares, in the shape it declares.

const VN_CN = "vn-cn-anti-smuggling";
// Lan (Viet Nam customs) is not a member of this one.
const FOUR = "two-countries-four-agencies";

interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, { get: Operation }>;
  components: { schemas: Record<string, unknown> };
}

let server: TestServer;
let doc: OpenApi;
let lan: HttpClient;
let token: string;
let conferenceId: number;
let foreignConferenceId: number;
const DOC_ID = "https://accord.test/openapi.json";
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

beforeAll(async () => {
  server = await startServer();
  const admin = await new HttpClient(server.url).signIn("admin@accord.test", DEMO_PASSWORD);
  lan = await new HttpClient(server.url).signIn("lan.nguyen@vnc.test", DEMO_PASSWORD);
  const created = await lan.postForm("/account", { intent: "createToken", name: "Contract test" });
  token = /accord_[A-Za-z0-9_-]{20,}/.exec(await created.text())![0];
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  doc = (await response.json()) as OpenApi;
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  const conferencesOf = async (slug: string) =>
    ((await admin.getJson<{ conferences: { id: number }[] }>(`/api/v1/series/${slug}`)).body.conferences ?? []).map((c) => c.id);
  conferenceId = (await conferencesOf(VN_CN))[0];
  foreignConferenceId = (await conferencesOf(FOUR))[0];
});

afterAll(async () => {
  await server.stop();
});

/** The path with sample parameters: a series and a conference the caller may read, or ones they may not. */
function concrete(template: string, reach: "member" | "foreign" | "missing") {
  const slug = { member: VN_CN, foreign: FOUR, missing: "no-such-series" }[reach];
  const id = { member: conferenceId, foreign: foreignConferenceId, missing: 987654 }[reach];
  return template.replace("{slug}", slug).replace("{id}", String(id));
}

function schemaFor(operation: Operation, status: number) {
  const response = operation.responses[String(status)];
  expect(response, `status ${status} is declared`).toBeDefined();
  return response.content?.["application/json"]?.schema;
}

/** The answer has a declared status and matches that status's schema. */
async function expectDeclared(operation: Operation, url: string, headers: Record<string, string>, status: number) {
  const response = await fetch(`${server.url}${url}`, { headers: { accept: "application/json", ...headers } });
  expect(response.status, url).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body: unknown = await response.json();
  const schema = schemaFor(operation, status) as { $ref?: string };
  // References inside the description are to its own components.
  const validate = ajv.compile(schema.$ref?.startsWith("#") ? { $ref: `${DOC_ID}${schema.$ref}` } : schema);
  const valid = validate(body);
  expect(valid, `${url} (${status}) matches its schema: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return body;
}

const cookieOf = (client: HttpClient) => ({ cookie: [...client.jar].map(([name, value]) => `${name}=${value}`).join("; ") });
const described = () => Object.keys(doc.paths).filter((p) => p !== "/api/v1/openapi.json");

describe("the OpenAPI description of /api/v1", () => {
  it("is served to anyone as a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every API route there is", () => {
    const routes = readdirSync(path.join(ROOT, "app/routes"))
      .filter((f) => f.startsWith("api.v1."))
      // Remix's file names: "." separates segments, "$x" is a parameter, "[.]" a literal dot.
      .map((f) =>
        `/${f.replace(/\.tsx?$/, "")}`
          .replace(/\._index$/, "")
          .split("[.]")
          .map((part) => part.replace(/\.\$(\w+)/g, "/{$1}").replace(/\./g, "/"))
          .join("."),
      );
    expect(routes.sort()).toEqual(Object.keys(doc.paths).sort());
  });

  it("declares only refs that resolve", () => {
    const text = JSON.stringify(doc);
    for (const [, id] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[id], id).toBeDefined();
  });
});

describe("real answers match the description", () => {
  it("with a session cookie, every endpoint", async () => {
    for (const template of described()) {
      const body = await expectDeclared(doc.paths[template].get, concrete(template, "member"), cookieOf(lan), 200);
      expect(body, template).toBeTruthy();
    }
  });

  it("with an API token, every endpoint", async () => {
    for (const template of described()) {
      await expectDeclared(doc.paths[template].get, concrete(template, "member"), { authorization: `Bearer ${token}` }, 200);
    }
  });

  it("answers 401 in the declared shape without a session or with a made-up token", async () => {
    for (const template of described()) {
      const operation = doc.paths[template].get;
      await expectDeclared(operation, concrete(template, "member"), {}, 401);
      await expectDeclared(operation, concrete(template, "member"), { authorization: "Bearer accord_not-a-real-token-at-all" }, 401);
    }
  });

  it("refuses a series or conference the caller may not read with the declared 404, never a 403 that would reveal it", async () => {
    const scoped = described().filter((t) => t.includes("{"));
    expect(scoped.length).toBeGreaterThan(0);
    for (const template of scoped) {
      const operation = doc.paths[template].get;
      expect(operation.responses["403"]).toBeUndefined();
      const hidden = await expectDeclared(operation, concrete(template, "foreign"), cookieOf(lan), 404);
      const missing = await expectDeclared(operation, concrete(template, "missing"), cookieOf(lan), 404);
      expect(hidden).toEqual(missing);
      await expectDeclared(operation, concrete(template, "foreign"), { authorization: `Bearer ${token}` }, 404);
    }
  });

  it("checks texts in several languages, as the parallel-text demo series answers them", async () => {
    const conference = (await expectDeclared(doc.paths["/api/v1/conferences/{id}"].get, concrete("/api/v1/conferences/{id}", "member"), cookieOf(lan), 200)) as {
      agenda: { titleTexts: Record<string, string> }[];
      draftActions: { texts: Record<string, string> }[];
    };
    expect(conference.agenda.some((item) => Object.keys(item.titleTexts).length >= 2)).toBe(true);
    const agreements = (await expectDeclared(doc.paths["/api/v1/series/{slug}/agreements"].get, concrete("/api/v1/series/{slug}/agreements", "member"), cookieOf(lan), 200)) as {
      clauses: { texts: Record<string, string> }[];
    }[];
    expect(agreements.some((a) => a.clauses.some((c) => Object.keys(c.texts).length >= 2))).toBe(true);
  });

  it("would notice an answer that drifted from its schema", () => {
    const validate = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/Me` });
    expect(validate({ id: "u", email: "a@b.c", name: "A", isAdmin: false })).toBe(true);
    expect(validate({ id: "u", email: "a@b.c", name: "A", isAdmin: false, password: "x" })).toBe(false);
    expect(validate({ id: "u", email: "a@b.c", name: "A" })).toBe(false);
  });
});
