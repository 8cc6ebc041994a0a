import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HOLE, MarkupCacheContext, useServerMarkup } from "../../../../app/components/server-markup";
import { markupCache } from "../../../../app/http/markup-cache.server";
import { i18nFor } from "../../../../app/i18n/i18n";
import { I18nContext, useT } from "../../../../app/i18n/use-t";
import type { Locale } from "../../../../app/i18n/locales";

function counted(make: () => ReactElement) {
  let renders = 0;
  return {
    render: () => {
      renders += 1;
      return make();
    },
    renders: () => renders,
  };
}

describe("markupCache", () => {
  it("draws a key once and fills every hole of each copy, escaped", () => {
    const form = counted(() => createElement("form", { id: `f-${HOLE}` }, createElement("label", { htmlFor: `f-${HOLE}-note` }, "Note")));
    const key = `unit-once-${Math.random()}`;
    expect(markupCache(key, form.render, "7")).toBe('<form id="f-7"><label for="f-7-note">Note</label></form>');
    expect(markupCache(key, form.render, "8")).toBe('<form id="f-8"><label for="f-8-note">Note</label></form>');
    expect(markupCache(key, form.render, '"><script>')).toBe('<form id="f-&#34;&#62;&#60;script&#62;"><label for="f-&#34;&#62;&#60;script&#62;-note">Note</label></form>');
    expect(form.renders()).toBe(1);
  });

  it("stays bounded: the oldest key is drawn again once many others came after it", () => {
    const first = counted(() => createElement("p", null, HOLE));
    const key = `unit-bound-${Math.random()}`;
    markupCache(key, first.render, "1");
    for (let i = 0; i < 600; i += 1) markupCache(`unit-filler-${i}-${Math.random()}`, () => createElement("p"), "x");
    expect(markupCache(key, first.render, "2")).toBe("<p>2</p>");
    expect(first.renders()).toBe(2);
  });
});

function Help() {
  const t = useT();
  return createElement("small", { id: `help-${HOLE}` }, t("commitment.note"));
}

function Card({ id }: { id: number }) {
  const markup = useServerMarkup("unit-card-help", () => createElement(Help), id);
  return createElement("div", { dangerouslySetInnerHTML: markup, suppressHydrationWarning: true });
}

function page(locale: Locale, withCache: boolean) {
  const cards = createElement(I18nContext.Provider, { value: i18nFor(locale) }, createElement(Card, { id: 1 }), createElement(Card, { id: 2 }));
  return renderToStaticMarkup(withCache ? createElement(MarkupCacheContext.Provider, { value: markupCache }, cards) : cards);
}

describe("useServerMarkup", () => {
  it("on the server, each page language has its own copy, with the card's id in it", () => {
    const vi = page("vi", true);
    const en = page("en", true);
    expect(vi).toContain(`<small id="help-1">${i18nFor("vi").t("commitment.note")}</small>`);
    expect(vi).toContain(`<small id="help-2">${i18nFor("vi").t("commitment.note")}</small>`);
    expect(en).toContain(`<small id="help-2">${i18nFor("en").t("commitment.note")}</small>`);
    expect(i18nFor("vi").t("commitment.note")).not.toBe(i18nFor("en").t("commitment.note"));
  });

  it("in the browser (no cache), draws nothing, so that hydration keeps what the server sent", () => {
    expect(page("en", false)).toBe("<div></div><div></div>");
  });
});
