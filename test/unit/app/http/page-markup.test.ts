import type { AppLoadContext } from "@remix-run/node";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartDrawing } from "../../../../app/components/charts/chart-figure";
import { PageMarkupContext } from "../../../../app/components/server-markup";
import { markupForPage } from "../../../../app/http/page-markup.server";

const SVG = '<svg aria-labelledby="chart-title-slot"><text>GACC (3/7)</text></svg>';
const asContext = (pageMarkup: Map<string, string> | null) => ({ pageMarkup }) as unknown as AppLoadContext;

describe("markupForPage", () => {
  it("leaves the markup to a whole page's HTML, and names it in the data", () => {
    const held = new Map<string, string>();
    expect(markupForPage(asContext(held), "leader.completion", SVG)).toEqual({ key: "leader.completion", html: null });
    expect(held.get("leader.completion")).toBe(SVG);
  });

  it("gives a data request the markup itself", () => {
    expect(markupForPage(asContext(null), "leader.completion", SVG)).toEqual({ key: "leader.completion", html: SVG });
  });
});

describe("ChartDrawing", () => {
  const draw = (ref: { key: string; html: string | null }, held: Map<string, string> | null) =>
    renderToStaticMarkup(createElement(PageMarkupContext.Provider, { value: held }, createElement(ChartDrawing, { markup: ref, titleId: "t1", descId: "d1" })));

  it("draws what the page holds on the server, labelled by its figure", () => {
    expect(draw({ key: "leader.completion", html: null }, new Map([["leader.completion", SVG]]))).toBe(
      '<div class="chart-drawing"><svg aria-labelledby="t1"><text>GACC (3/7)</text></svg></div>',
    );
  });

  it("draws what the data brings", () => {
    expect(draw({ key: "leader.completion", html: SVG }, null)).toContain("GACC (3/7)");
  });

  it("draws an empty frame where neither has it (in the browser, hydrating the server's drawing)", () => {
    expect(draw({ key: "leader.completion", html: null }, null)).toBe('<div class="chart-drawing"></div>');
  });
});
