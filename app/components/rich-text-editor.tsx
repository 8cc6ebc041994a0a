import { dropCursor } from "@tiptap/pm/dropcursor";
import { gapCursor } from "@tiptap/pm/gapcursor";
import { EditorState, Selection, type Command } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { defaultSelectionBuilder, initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from "@tiptap/y-tiptap";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type * as Y from "yjs";
import type { CollabSession, PresenceUser } from "../collab/use-collab-doc";
import { useT } from "../i18n/use-t";
import { isMarkActive, isNodeActive, keyPlugins, toggleBold, toggleBulletList, toggleItalic, toggleOrderedList } from "./rich-text-keys";
import { richTextSchema as schema } from "./rich-text-schema";
import { AGENDA_DRAG_TYPE, useWorkspace } from "./workspace-context";

// ProseMirror and its Yjs binding (y-tiptap): the largest part of the
// workspace's JavaScript, in a chunk of its own that rich-text-field.tsx
// fetches with import() once a rich text is on screen.

const TOOLS = [
  {
    key: "bold",
    glyph: "B",
    run: toggleBold,
    active: (s: EditorState) => isMarkActive(s, schema.marks.bold),
  },
  {
    key: "italic",
    glyph: "I",
    run: toggleItalic,
    active: (s: EditorState) => isMarkActive(s, schema.marks.italic),
  },
  {
    key: "bulletList",
    glyph: "•",
    run: toggleBulletList,
    active: (s: EditorState) => isNodeActive(s, schema.nodes.bulletList),
  },
  {
    key: "orderedList",
    glyph: "1.",
    run: toggleOrderedList,
    active: (s: EditorState) => isNodeActive(s, schema.nodes.orderedList),
  },
] as const;

/** Which tools are on for this state, as a string that changes only when one of them does. */
const toolState = (state: EditorState) => TOOLS.map((tool) => (tool.active(state) ? "1" : "0")).join("");

const validColor = (color: string) => (/^#[0-9a-fA-F]{6}$/.test(color) ? color : "transparent");

/** Another person's caret: a bar in their colour with their name above it (styled as collaboration-carets__*). */
function caret(user: PresenceUser): HTMLElement {
  const color = validColor(user.color);
  const bar = document.createElement("span");
  bar.classList.add("collaboration-carets__caret");
  bar.style.borderColor = color;
  const label = document.createElement("div");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = color;
  label.textContent = user.name;
  bar.append(label);
  return bar;
}

interface ViewOptions {
  fragment: Y.XmlFragment;
  /** The editable element's attributes, read again on every update. */
  attributes: () => Record<string, string>;
  session: CollabSession;
  canEdit: boolean;
  autoFocus: boolean;
  onState: (state: EditorState) => void;
}

function createView(place: HTMLElement, { fragment, attributes, session, canEdit, autoFocus, onState }: ViewOptions): EditorView {
  // Built with the fragment's content, so that the binding need not render it a second time.
  const initial = fragment.length > 0 ? initProseMirrorDoc(fragment, schema) : null;
  const state = EditorState.create({
    schema,
    doc: initial?.doc,
    plugins: [
      ySyncPlugin(fragment, initial ? { mapping: initial.mapping } : {}),
      yCursorPlugin(session.awareness, {
        cursorBuilder: (user: PresenceUser) => caret(user),
        selectionBuilder: (user: PresenceUser) => (validColor(user.color) === "transparent" ? {} : defaultSelectionBuilder(user)),
      }),
      yUndoPlugin(),
      ...keyPlugins,
      dropCursor(),
      gapCursor(),
    ],
  });
  session.awareness.setLocalStateField("user", session.user);
  const view = new EditorView(place, {
    state,
    editable: () => canEdit,
    attributes,
    // An agenda item dropped here is being reordered, not pasted: the item handles it.
    handleDrop: (_view, event) => event.dataTransfer?.types.includes(AGENDA_DRAG_TYPE) ?? false,
    // A click places the caret in a link being edited; with Ctrl or ⌘ it opens the link, as in word processors.
    handleClick: (clicked, pos, event) => {
      if (!(event.ctrlKey || event.metaKey)) return false;
      const href = clicked.state.doc.resolve(pos).marks().find((m) => m.type.name === "link")?.attrs.href as string | undefined;
      if (!href) return false;
      window.open(href, "_blank", "noopener,noreferrer");
      return true;
    },
    // Called with the view as this, also while it is being built (the binding renders the fragment then).
    dispatchTransaction(this: EditorView, tr) {
      // The Yjs binding's timers and listeners may still fire once the view is gone.
      if (this.isDestroyed) return;
      const next = this.state.apply(tr);
      this.updateState(next);
      onState(next);
    },
  });
  if (autoFocus && canEdit) {
    view.dispatch(view.state.tr.setSelection(Selection.atEnd(view.state.doc)));
    view.focus();
  }
  return view;
}

export interface RichTextEditorProps {
  fragment: Y.XmlFragment;
  /** The id of the element that names the field, and that element, shown in the field's head. */
  labelId: string;
  labelElement: ReactNode;
  label: string;
  placeholder: string;
  /** The language of the text (parallel texts), for spelling, fonts and screen readers. */
  lang?: string;
  autoFocus?: boolean;
}

/**
 * Rich text co-edited with ProseMirror, bound to a nested Y.XmlFragment of the
 * conference document; everyone's caret shows with their name and colour.
 * Renders the field's toolbar and its text; the label is the caller's.
 */
export function RichTextEditor({ fragment, labelId, labelElement, label, placeholder, lang, autoFocus = false }: RichTextEditorProps) {
  const t = useT();
  const { session, canEdit } = useWorkspace();
  const body = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [tools, setTools] = useState("");
  const autoFocusAtStart = useRef(autoFocus);
  const attributes = useRef<Record<string, string>>({});
  attributes.current = {
    class: "rich-text-content",
    role: "textbox",
    "aria-multiline": "true",
    "aria-labelledby": labelId,
    "aria-readonly": canEdit ? "false" : "true",
    "data-placeholder": placeholder,
    ...(lang ? { lang } : {}),
  };

  // Before paint: the field never shows an empty box between its preview and its editor.
  useLayoutEffect(() => {
    if (!body.current) return;
    const created = createView(body.current, {
      fragment,
      attributes: () => attributes.current,
      session,
      canEdit,
      autoFocus: autoFocusAtStart.current,
      onState: (s) => setTools(toolState(s)),
    });
    setView(created);
    setTools(toolState(created.state));
    return () => {
      created.destroy();
      setView(null);
    };
  }, [fragment, session, canEdit]);

  // A new placeholder or language (the page's language changed) reaches the editable element.
  // (The view of this render may have been replaced already, when edit rights changed in the same commit.)
  useEffect(() => {
    if (view && !view.isDestroyed) view.setProps({});
  }, [view, labelId, placeholder, lang]);

  const run = (command: Command) => {
    if (!view) return;
    view.focus();
    command(view.state, view.dispatch);
  };

  return (
    <>
      <div className="rich-text-head">
        {labelElement}
        {canEdit && view ? (
          <div className="rich-text-toolbar" role="toolbar" aria-label={t("workspace.toolbar.label", { field: label })}>
            {TOOLS.map((tool, i) => (
              <button
                key={tool.key}
                type="button"
                className={`toolbar-${tool.key}`}
                aria-pressed={tools[i] === "1"}
                aria-label={t(`workspace.toolbar.${tool.key}`)}
                title={t(`workspace.toolbar.${tool.key}`)}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => run(tool.run)}
              >
                <span aria-hidden="true">{tool.glyph}</span>
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div ref={body} className="rich-text-body" />
    </>
  );
}
