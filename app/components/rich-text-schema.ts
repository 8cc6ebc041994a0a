import { Schema, type DOMOutputSpec, type Mark, type Node } from "@tiptap/pm/model";
import { RICH_ELEMENTS, RICH_MARKS } from "../collab/conference-schema";

// The rich text's ProseMirror schema. Node and mark names, attributes and their
// defaults are those the documents already hold (TipTap's StarterKit wrote them
// through y-tiptap, and the hub's schema in conference-schema.ts allows exactly
// these): an element the editor did not know would be deleted from the shared
// document as it rendered. The DOM is the one TipTap rendered, so that stored
// texts, the styles and the tests see the same HTML.

const attrsIfValid = (element: string, attrs: Record<string, unknown>) => {
  const checks = RICH_ELEMENTS[element] ?? {};
  return Object.entries(attrs).every(([key, value]) => value === null || checks[key]?.(value)) ? attrs : false;
};

const headingLevel = (dom: HTMLElement) => (Number(dom.tagName.slice(1)) <= 3 ? 3 : 4);

/** The attributes a link may carry in the shared document, or false if the hub would refuse them. */
function linkAttrs(dom: HTMLElement) {
  const attrs = {
    href: dom.getAttribute("href"),
    target: dom.getAttribute("target") ?? "_blank",
    rel: "noopener noreferrer nofollow",
    class: null,
  };
  return RICH_MARKS.link?.(attrs) ? attrs : false;
}

export const richTextSchema = new Schema({
  nodes: {
    // The first block is the one new lines and empty documents get.
    doc: { content: "block+" },
    paragraph: {
      content: "inline*",
      group: "block",
      parseDOM: [{ tag: "p" }],
      toDOM: () => ["p", 0],
    },
    blockquote: {
      content: "block+",
      group: "block",
      defining: true,
      parseDOM: [{ tag: "blockquote" }],
      toDOM: () => ["blockquote", 0],
    },
    bulletList: {
      content: "listItem+",
      group: "block list",
      parseDOM: [{ tag: "ul" }],
      toDOM: () => ["ul", 0],
    },
    codeBlock: {
      attrs: { language: { default: null } },
      content: "text*",
      marks: "",
      group: "block",
      code: true,
      defining: true,
      parseDOM: [
        {
          tag: "pre",
          preserveWhitespace: "full",
          getAttrs: (dom) => {
            const language = [...(dom.firstElementChild?.classList ?? [])].find((c) => c.startsWith("language-"))?.slice(9) ?? null;
            return {
              language: language && attrsIfValid("codeBlock", { language }) ? language : null,
            };
          },
        },
      ],
      toDOM: (node) => ["pre", ["code", node.attrs.language ? { class: `language-${node.attrs.language}` } : {}, 0]],
    },
    text: { group: "inline" },
    hardBreak: {
      inline: true,
      group: "inline",
      selectable: false,
      linebreakReplacement: true,
      parseDOM: [{ tag: "br" }],
      toDOM: () => ["br"],
    },
    heading: {
      // Agenda texts sit under the page's own h1 and h2: levels 3 and 4 only.
      attrs: { level: { default: 3 } },
      content: "inline*",
      group: "block",
      defining: true,
      parseDOM: ["h1", "h2", "h3", "h4", "h5", "h6"].map((tag) => ({
        tag,
        getAttrs: (dom: HTMLElement) => ({ level: headingLevel(dom) }),
      })),
      toDOM: (node) => [`h${Number(node.attrs.level) === 4 ? 4 : 3}`, 0],
    },
    horizontalRule: {
      group: "block",
      parseDOM: [{ tag: "hr" }],
      toDOM: () => ["hr"],
    },
    listItem: {
      content: "paragraph block*",
      defining: true,
      parseDOM: [{ tag: "li" }],
      toDOM: () => ["li", 0],
    },
    orderedList: {
      attrs: { start: { default: 1 }, type: { default: null } },
      content: "listItem+",
      group: "block list",
      parseDOM: [
        {
          tag: "ol",
          getAttrs: (dom) => {
            const start = Number.parseInt(dom.getAttribute("start") ?? "1", 10);
            const type = dom.getAttribute("type");
            return {
              start: Number.isInteger(start) && start >= 0 && start < 1_000_000 ? start : 1,
              type: type && attrsIfValid("orderedList", { type }) ? type : null,
            };
          },
        },
      ],
      toDOM: (node: Node): DOMOutputSpec => {
        const attrs: Record<string, string> = {};
        if (node.attrs.start !== 1) attrs.start = String(node.attrs.start);
        if (node.attrs.type) attrs.type = String(node.attrs.type);
        return ["ol", attrs, 0];
      },
    },
  },
  marks: {
    link: {
      attrs: {
        href: { default: null },
        target: { default: "_blank" },
        rel: { default: "noopener noreferrer nofollow" },
        class: { default: null },
      },
      inclusive: false,
      parseDOM: [{ tag: "a[href]", getAttrs: (dom) => linkAttrs(dom) }],
      toDOM: (mark: Mark): DOMOutputSpec => {
        const { href, target, rel, class: className } = mark.attrs as Record<string, string | null>;
        const attrs: Record<string, string> = {};
        // Only the addresses the hub stores are ever links (no javascript: from an old text).
        if (href && RICH_MARKS.link?.({ href })) attrs.href = href;
        if (target) attrs.target = target;
        if (rel) attrs.rel = rel;
        if (className) attrs.class = className;
        return ["a", attrs, 0];
      },
    },
    bold: {
      parseDOM: [
        { tag: "strong" },
        {
          tag: "b",
          getAttrs: (dom) => dom.style.fontWeight !== "normal" && null,
        },
        { style: "font-weight=400", clearMark: (m) => m.type.name === "bold" },
        {
          style: "font-weight",
          getAttrs: (value) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null,
        },
      ],
      toDOM: () => ["strong", 0],
    },
    code: {
      excludes: "_",
      code: true,
      parseDOM: [{ tag: "code" }],
      toDOM: () => ["code", 0],
    },
    italic: {
      parseDOM: [
        { tag: "em" },
        {
          tag: "i",
          getAttrs: (dom) => dom.style.fontStyle !== "normal" && null,
        },
        {
          style: "font-style=normal",
          clearMark: (m) => m.type.name === "italic",
        },
        { style: "font-style=italic" },
      ],
      toDOM: () => ["em", 0],
    },
    strike: {
      parseDOM: [
        { tag: "s" },
        { tag: "del" },
        { tag: "strike" },
        {
          style: "text-decoration",
          consuming: false,
          getAttrs: (value) => value.includes("line-through") && null,
        },
      ],
      toDOM: () => ["s", 0],
    },
    underline: {
      parseDOM: [
        { tag: "u" },
        {
          style: "text-decoration",
          consuming: false,
          getAttrs: (value) => value.includes("underline") && null,
        },
      ],
      toDOM: () => ["u", 0],
    },
  },
});
