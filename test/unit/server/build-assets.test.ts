import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NextFunction, Request, Response } from "express";
import { buildAssets } from "../../../server/build-assets";

// The middleware that serves the compiler's scripts, driven with the least of
// a request and a response it reads and writes.
function ask(serve: ReturnType<typeof buildAssets>, urlPath: string, acceptEncoding = "br, gzip") {
  return new Promise<{ status: number | "next"; headers: Record<string, string>; body?: Buffer }>((resolve) => {
    const req = { method: "GET", path: urlPath, get: (name: string) => (name.toLowerCase() === "accept-encoding" ? acceptEncoding : undefined) } as unknown as Request;
    const written: { status: number; headers: Record<string, string> } = { status: 0, headers: {} };
    const res = {
      sendDate: true,
      writeHead(status: number, headers: Record<string, string>) {
        written.status = status;
        written.headers = headers;
      },
      end(body?: Buffer) {
        resolve({ ...written, body });
      },
    } as unknown as Response;
    const next: NextFunction = () => resolve({ status: "next", headers: {} });
    void serve(req, res, next);
  });
}

describe("buildAssets", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-assets-"));
  fs.writeFileSync(path.join(dir, "entry-ABC.js"), "console.log('plain')");
  fs.writeFileSync(path.join(dir, "entry-ABC.js.br"), "brotli bytes");
  const serve = buildAssets(dir);

  it("sends the best compressed copy the browser accepts, else the plain file", async () => {
    const br = await ask(serve, "/entry-ABC.js");
    expect(br.status).toBe(200);
    expect(br.headers["Content-Encoding"]).toBe("br");
    expect(br.body?.toString()).toBe("brotli bytes");
    const plain = await ask(serve, "/entry-ABC.js", "gzip;q=0, identity");
    expect(plain.headers["Content-Encoding"]).toBeUndefined();
    expect(plain.body?.toString()).toBe("console.log('plain')");
  });

  it("leaves what is outside the folder or of another kind to the rest of the server", async () => {
    expect((await ask(serve, "/../../etc/passwd.js")).status).toBe("next");
    expect((await ask(serve, "/entry-ABC.txt")).status).toBe("next");
  });

  it("does not remember a name that was not there (made-up names must not fill memory)", async () => {
    expect((await ask(serve, "/later-XYZ.js")).status).toBe("next");
    fs.writeFileSync(path.join(dir, "later-XYZ.js"), "arrived later");
    const later = await ask(serve, "/later-XYZ.js");
    expect(later.status).toBe(200);
    expect(later.body?.toString()).toBe("arrived later");
  });
});
