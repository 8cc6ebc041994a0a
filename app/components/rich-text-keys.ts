import { baseKeymap, chainCommands, exitCode, setBlockType, toggleMark, wrapIn, lift } from "@tiptap/pm/commands";
import { InputRule, inputRules, textblockTypeInputRule, undoInputRule, wrappingInputRule } from "@tiptap/pm/inputrules";
import { keymap } from "@tiptap/pm/keymap";
import type { MarkType, NodeType } from "@tiptap/pm/model";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "@tiptap/pm/schema-list";
import { Plugin, TextSelection, type Command, type EditorState } from "@tiptap/pm/state";
import { redo, undo, ySyncPluginKey, yUndoPluginKey } from "@tiptap/y-tiptap";
import { RICH_MARKS } from "../collab/conference-schema";
import { richTextSchema as schema } from "./rich-text-schema";

// What the keyboard does in a rich text: the shortcuts and markdown-style
// typing people knew from the editor before (TipTap's StarterKit), undo and
// redo through Yjs (each person undoes only their own changes).

const { nodes, marks } = schema;

const hasUndo = (state: EditorState, stack: "undoStack" | "redoStack") =>
  ((yUndoPluginKey.getState(state)?.undoManager as Record<typeof stack, unknown[]> | undefined)?.[stack].length ?? 0) > 0;

export const undoCommand: Command = (state) => hasUndo(state, "undoStack") && undo(state);
export const redoCommand: Command = (state) => hasUndo(state, "redoStack") && redo(state);

/** Puts the selection in a list of this type, changes the list it is in, or takes it out of that list. */
export function toggleList(listType: NodeType): Command {
  return (state, dispatch) => {
    const { $from, $to } = state.selection;
    const range = $from.blockRange($to, (node) => node.type === nodes.bulletList || node.type === nodes.orderedList);
    if (!range) return wrapInList(listType)(state, dispatch);
    if (range.parent.type === listType) return liftListItem(nodes.listItem)(state, dispatch);
    dispatch?.(state.tr.setNodeMarkup(range.start - 1, listType).scrollIntoView());
    return true;
  };
}

/** Makes the text block this type, or back into a paragraph if it is one already. */
function toggleBlock(type: NodeType, attrs: Record<string, unknown> = {}): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const same = $from.parent.type === type && Object.entries(attrs).every(([k, v]) => $from.parent.attrs[k] === v);
    return setBlockType(same ? nodes.paragraph : type, same ? {} : attrs)(state, dispatch);
  };
}

function toggleWrap(type: NodeType): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type === type) return lift(state, dispatch);
    return wrapIn(type)(state, dispatch);
  };
}

const hardBreak: Command = (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(nodes.hardBreak.create()).scrollIntoView());
  return true;
};

/** Whether a mark is on the selection (or will be on what is typed next). */
export function isMarkActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined;
  return state.doc.rangeHasMark(from, to, type);
}

/** Whether the selection is inside a node of this type. */
export function isNodeActive(state: EditorState, type: NodeType): boolean {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type === type) return true;
  return false;
}

export const toggleBold = toggleMark(marks.bold);
export const toggleItalic = toggleMark(marks.italic);
export const toggleBulletList = toggleList(nodes.bulletList);
export const toggleOrderedList = toggleList(nodes.orderedList);

/** `**bold**`, `*italic*`, `` `code` ``, `~~strike~~`: the second group is the text, the first with its delimiters. */
function markRule(find: RegExp, type: MarkType): InputRule {
  return new InputRule(find, (state, match, start, end) => {
    const [whole, marked, text] = match;
    if (!whole || !marked || !text) return null;
    // The last delimiter character is being typed: it is in the match, not yet in the document.
    const markedStart = start + whole.length - marked.length;
    const textStart = markedStart + marked.indexOf(text);
    const textEnd = textStart + text.length;
    const tr = state.tr.delete(textEnd, end).delete(markedStart, textStart);
    tr.addMark(markedStart, markedStart + text.length, type.create()).removeStoredMark(type);
    return tr;
  });
}

const horizontalRule = new InputRule(/^(?:---|—-|___\s|\*\*\*\s)$/, (state, _match, start, end) => {
  const $start = state.doc.resolve(start);
  if ($start.parent.type !== nodes.paragraph || start !== $start.start() || end !== $start.end()) return null;
  const tr = state.tr.replaceWith($start.before(), $start.after(), [nodes.horizontalRule.create(), nodes.paragraph.create()]);
  return tr.setSelection(TextSelection.create(tr.doc, $start.before() + 2));
});

/**
 * A web address typed into the text becomes a link once a space follows it (`www.` is taken as
 * https). Backspace right after turns it back into plain text.
 */
const typedAddress = new InputRule(/(?:^|\s)((?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'])([.,;:!?)\]']*)(\s)$/, (state, match, _start, end) => {
  const [, address, after = "", typed] = match;
  if (!address || !typed) return null;
  // The punctuation that closes a sentence after an address is not part of it.
  const addressEnd = end - after.length;
  const addressStart = addressEnd - address.length;
  const $end = state.doc.resolve(end);
  if ($end.parent.type.spec.code || marks.code.isInSet($end.marks())) return null;
  const href = address.startsWith("www.") ? `https://${address}` : address;
  const attrs = { href, target: "_blank", rel: "noopener noreferrer nofollow", class: null };
  if (!RICH_MARKS.link?.(attrs) || state.doc.rangeHasMark(addressStart, addressEnd, marks.link)) return null;
  return state.tr.addMark(addressStart, addressEnd, marks.link.create(attrs)).insertText(typed, end);
});

const rules = inputRules({
  rules: [
    wrappingInputRule(/^\s*([-+*])\s$/, nodes.bulletList),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      nodes.orderedList,
      (match) => ({ start: Math.min(Number(match[1]), 999_999) }),
      (match, node) => node.childCount + Number(node.attrs.start) === Number(match[1]),
    ),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
    textblockTypeInputRule(/^(#{3,4})\s$/, nodes.heading, (match) => ({
      level: match[1]?.length ?? 3,
    })),
    textblockTypeInputRule(/^```([a-z]+)?[\s\n]$/, nodes.codeBlock, (match) => ({ language: match[1] ?? null })),
    horizontalRule,
    markRule(/(?:^|\s)(\*\*(?!\s+\*\*)([^*]+)\*\*(?!\s+\*\*))$/, marks.bold),
    markRule(/(?:^|\s)(__(?!\s+__)([^_]+)__(?!\s+__))$/, marks.bold),
    markRule(/(?:^|\s)(\*(?!\s+\*)([^*]+)\*(?!\s+\*))$/, marks.italic),
    markRule(/(?:^|\s)(_(?!\s+_)([^_]+)_(?!\s+_))$/, marks.italic),
    markRule(/(?:^|[^`])(`([^`]+)`)$/, marks.code),
    markRule(/(?:^|\s)(~~(?!\s+~~)([^~]+)~~(?!\s+~~))$/, marks.strike),
    typedAddress,
  ],
});

const keys = keymap({
  "Mod-z": undoCommand,
  "Mod-y": redoCommand,
  "Mod-Shift-z": redoCommand,
  "Mod-b": toggleBold,
  "Mod-i": toggleItalic,
  "Mod-u": toggleMark(marks.underline),
  "Mod-e": toggleMark(marks.code),
  "Mod-Shift-s": toggleMark(marks.strike),
  "Mod-Shift-b": toggleWrap(nodes.blockquote),
  "Mod-Shift-7": toggleOrderedList,
  "Mod-Shift-8": toggleBulletList,
  "Mod-Alt-3": toggleBlock(nodes.heading, { level: 3 }),
  "Mod-Alt-4": toggleBlock(nodes.heading, { level: 4 }),
  "Mod-Alt-c": toggleBlock(nodes.codeBlock),
  "Mod-Alt-0": setBlockType(nodes.paragraph),
  "Mod-Enter": chainCommands(exitCode, hardBreak),
  "Shift-Enter": chainCommands(exitCode, hardBreak),
  Enter: splitListItem(nodes.listItem),
  Tab: sinkListItem(nodes.listItem),
  "Shift-Tab": liftListItem(nodes.listItem),
  Backspace: undoInputRule,
});

/**
 * After a change of one's own, a text that ends with a list, quote, rule or
 * code keeps an empty paragraph after it, so that there is somewhere to write
 * on. Changes from others are left alone: every screen adding one would add many.
 */
const trailingParagraph = new Plugin({
  appendTransaction(transactions, _old, state) {
    if (!transactions.some((tr) => tr.docChanged && tr.getMeta(ySyncPluginKey) === undefined)) return null;
    if (state.doc.lastChild?.type === nodes.paragraph) return null;
    return state.tr.insert(state.doc.content.size, nodes.paragraph.create());
  },
});

/** The plugins for typing: input rules, then shortcuts, then ProseMirror's own keys. */
export const keyPlugins = [rules, keys, keymap(baseKeymap), trailingParagraph];
