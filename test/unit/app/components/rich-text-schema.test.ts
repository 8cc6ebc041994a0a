import { initProseMirrorDoc, prosemirrorToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RICH_ELEMENTS, RICH_MARKS } from "../../../../app/collab/conference-schema";
import { richTextSchema } from "../../../../app/components/rich-text-schema";

// The editor's schema must know every element and mark the documents hold (y-tiptap deletes
// from the shared document what it does not know), and write nothing the hub would refuse.

/** A fragment as TipTap's StarterKit wrote it through y-tiptap. */
function storedFragment(): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("notes");
  const el = (name: string, attrs: Record<string, unknown>, children: Array<Y.XmlElement | Y.XmlText>) => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
    e.insert(0, children);
    return e;
  };
  const text = (s: string, marks: Record<string, unknown> = {}) => {
    const t = new Y.XmlText();
    t.insert(0, s, marks);
    return t;
  };
  fragment.insert(0, [
    el("heading", { level: 3 }, [text("Heading")]),
    el("paragraph", {}, [
      text("bold", { bold: {} }),
      text(" and a link", { link: { href: "https://example.org", target: "_blank", rel: "noopener noreferrer nofollow", class: null } }),
    ]),
    el("bulletList", {}, [el("listItem", {}, [el("paragraph", {}, [text("one")])])]),
    el("orderedList", { start: 3 }, [el("listItem", {}, [el("paragraph", {}, [text("three", { italic: {}, underline: {}, strike: {} })])])]),
    el("blockquote", {}, [el("paragraph", {}, [text("quoted")])]),
    el("codeBlock", { language: "ts" }, [text("const x = 1;")]),
    el("horizontalRule", {}, []),
    el("paragraph", {}, [text("line")]),
  ]);
  const last = fragment.get(7) as Y.XmlElement;
  last.insert(1, [new Y.XmlElement("hardBreak"), text("code", { code: {} })]);
  return fragment;
}

describe("the rich text schema", () => {
  it("has exactly the elements and marks the hub allows", () => {
    expect(
      Object.keys(richTextSchema.nodes)
        .filter((n) => n !== "doc" && n !== "text")
        .sort(),
    ).toEqual(Object.keys(RICH_ELEMENTS).sort());
    expect(Object.keys(richTextSchema.marks).sort()).toEqual(Object.keys(RICH_MARKS).sort());
  });

  it("reads a stored text whole, without changing it", () => {
    const fragment = storedFragment();
    const before = fragment.toJSON();
    const { doc } = initProseMirrorDoc(fragment, richTextSchema);
    expect(fragment.toJSON()).toBe(before);
    expect(doc.childCount).toBe(8);
    expect(doc.child(0).attrs.level).toBe(3);
    expect(doc.child(3).attrs.start).toBe(3);
    expect(doc.child(5).attrs.language).toBe("ts");
    expect(doc.textContent).toContain("quoted");
    expect(
      doc
        .child(1)
        .child(1)
        .marks.map((m) => m.type.name),
    ).toEqual(["link"]);
  });

  it("writes back only attributes and marks the hub accepts", () => {
    const { doc } = initProseMirrorDoc(storedFragment(), richTextSchema);
    const written = prosemirrorToYXmlFragment(doc);
    const check = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
      if (node instanceof Y.XmlElement) {
        const checks = RICH_ELEMENTS[node.nodeName];
        expect(checks, node.nodeName).toBeDefined();
        for (const [key, value] of Object.entries(node.getAttributes())) expect(checks?.[key]?.(value), `${node.nodeName}.${key}`).toBe(true);
        node.toArray().forEach(check);
      } else if (node instanceof Y.XmlText) {
        for (const op of node.toDelta() as Array<{ attributes?: Record<string, Record<string, unknown>> }>)
          for (const [mark, attrs] of Object.entries(op.attributes ?? {})) expect(RICH_MARKS[mark]?.(attrs), mark).toBe(true);
      }
    };
    written.toArray().forEach(check);
    // A heading made without a level gets one the hub accepts.
    expect(RICH_ELEMENTS.heading?.level?.(richTextSchema.nodes.heading.create().attrs.level)).toBe(true);
  });
});
