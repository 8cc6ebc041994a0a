import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { coalesceChunks, withoutTrailingNuls } from "../../../app/http/coalesce-stream.server";

/** Renders an element through the same stream as the server's pages, and returns the bytes. */
function render(element: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    out.on("end", () => resolve(Buffer.concat(chunks)));
    out.on("error", reject);
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const body = coalesceChunks();
        body.pipe(out);
        pipe(body);
      },
      onError: reject,
    });
  });
}

describe("a page's bytes", () => {
  it("hold no NUL where a Vietnamese character falls at the end of React's 2048-byte view", async () => {
    // Short texts (React encodes those into its view) before "Hồ Chí Minh", shifted across the end of the view: some split "ồ".
    for (let pad = 0; pad < 300; pad += 1) {
      const before = [0, 1, 2].map((i) => createElement("p", { key: i }, "x".repeat(600)));
      const html = await render(createElement("div", null, ...before, createElement("p", { key: "pad" }, "y".repeat(pad)), createElement("p", { key: "text" }, "Thành phố Hồ Chí Minh 第十八次会议")));
      expect(html.includes(0), `padding ${pad}`).toBe(false);
      expect(html.toString("utf8")).toContain("Thành phố Hồ Chí Minh 第十八次会议");
    }
  });

  it("keeps a chunk that ends in text as it is", () => {
    const chunk = Buffer.from("Hồ");
    expect(withoutTrailingNuls(chunk)).toBe(chunk);
    expect(withoutTrailingNuls(Buffer.from([0x48, 0, 0])).toString()).toBe("H");
  });
});
