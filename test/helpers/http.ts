import { expect } from "vitest";

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; flags such as HttpOnly have the value true. */
  attributes: Record<string, string | true>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(";");
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const [key, ...value] = part.trim().split("=");
    if (key) attributes[key.toLowerCase()] = value.length ? value.join("=") : true;
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

export function setCookiesOf(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map(parseSetCookie);
}

function isRemoval(cookie: SetCookie): boolean {
  const expires = cookie.attributes.expires;
  return (
    cookie.value === "" ||
    cookie.attributes["max-age"] === "0" ||
    (typeof expires === "string" && Date.parse(expires) <= Date.now())
  );
}

export const SESSION_COOKIES = ["accord_session", "__Host-accord_session"];

export interface PostOptions {
  /**
   * The Origin header: by default the server's own, as a browser sends with a
   * same-origin form; a string to pretend another site; null to send none.
   */
  origin?: string | null;
  headers?: Record<string, string>;
}

/**
 * A small HTTP client with one cookie jar, like one browser profile. Redirects
 * are not followed, so that tests can look at each status and Location.
 */
export class HttpClient {
  readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** The session id the jar holds, whichever cookie name the server uses. */
  sessionId(): string | undefined {
    for (const name of SESSION_COOKIES) {
      const value = this.jar.get(name);
      if (value) return value;
    }
    return undefined;
  }

  async request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.jar.size > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === "cookie")) {
      headers.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const cookie of setCookiesOf(response)) {
      if (isRemoval(cookie)) this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
    return response;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  postForm(path: string, fields: Record<string, string> | Array<[string, string]>, options: PostOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const origin = options.origin === undefined ? this.origin : options.origin;
    if (origin !== null) headers.origin = origin;
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
    return this.request(path, { method: "POST", body, headers });
  }

  login(email: string, password: string, options: PostOptions & { redirectTo?: string } = {}) {
    const fields: Record<string, string> = { email, password };
    if (options.redirectTo) fields.redirectTo = options.redirectTo;
    return this.postForm("/login", fields, options);
  }

  /** Signs in and fails the test at once if that did not work. */
  async signIn(email: string, password: string): Promise<this> {
    const response = await this.login(email, password);
    await response.body?.cancel();
    expect(response.status, `sign-in of ${email}`).toBe(303);
    expect(this.sessionId(), `session cookie for ${email}`).toBeTruthy();
    return this;
  }

  async getJson<T = unknown>(path: string): Promise<{ status: number; contentType: string; body: T }> {
    const response = await this.get(path, { accept: "application/json" });
    const contentType = response.headers.get("content-type") ?? "";
    const text = await response.text();
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw new Error(`${path} answered ${response.status} ${contentType}, not JSON:\n${text.slice(0, 500)}`);
    }
    return { status: response.status, contentType, body };
  }

  async getHtml(path: string): Promise<{ status: number; html: string; response: Response }> {
    const response = await this.get(path);
    return { status: response.status, html: await response.text(), response };
  }
}

/** The visible text of some HTML, with entities decoded, for looking up strings. */
export function htmlText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, entity: string) => {
      const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
      const lower = entity.toLowerCase();
      if (lower in named) return named[lower];
      return String.fromCodePoint(lower.startsWith("#x") ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
    })
    .replace(/\s+/g, " ");
}

/** The lang attribute of the html element. */
export function htmlLang(html: string): string | undefined {
  return /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1];
}

/** Where a redirect points, as a path with its query. */
export function redirectPath(response: Response, base: string): string {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect, got ${response.status} without Location`);
  const url = new URL(location, base);
  return `${url.pathname}${url.search}`;
}
