import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import type { ReactNode } from "react";
import { useT } from "../i18n/use-t";
import type * as Y from "yjs";
import { AGENDA_DRAG_TYPE, useWorkspace } from "./workspace-context";

// TipTap and its ProseMirror and Yjs bindings: the largest part of the
// workspace's JavaScript, in a chunk of its own that rich-text-field.tsx
// fetches with import() once a rich text is on screen.

function Toolbar({ editor, field }: { editor: Editor; field: string }) {
  const t = useT();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
    }),
  });
  const buttons = [
    { key: "bold", glyph: "B", run: () => editor.chain().focus().toggleBold().run() },
    { key: "italic", glyph: "I", run: () => editor.chain().focus().toggleItalic().run() },
    { key: "bulletList", glyph: "•", run: () => editor.chain().focus().toggleBulletList().run() },
    { key: "orderedList", glyph: "1.", run: () => editor.chain().focus().toggleOrderedList().run() },
  ] as const;
  return (
    <div className="rich-text-toolbar" role="toolbar" aria-label={t("workspace.toolbar.label", { field })}>
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className={`toolbar-${b.key}`}
          aria-pressed={active[b.key]}
          aria-label={t(`workspace.toolbar.${b.key}`)}
          title={t(`workspace.toolbar.${b.key}`)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={b.run}
        >
          <span aria-hidden="true">{b.glyph}</span>
        </button>
      ))}
    </div>
  );
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
 * Rich text co-edited with TipTap, bound to a nested Y.XmlFragment of the
 * conference document; everyone's caret shows with their name and colour.
 * Renders the field's toolbar and its text; the label is the caller's.
 */
export function RichTextEditor({ fragment, labelId, labelElement, label, placeholder, lang, autoFocus = false }: RichTextEditorProps) {
  const { session, canEdit } = useWorkspace();
  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      editable: canEdit,
      autofocus: autoFocus && canEdit ? "end" : false,
      extensions: [
        // Yjs keeps the history (per user) through the Collaboration extension.
        StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] } }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider: session.provider, user: session.user }),
      ],
      editorProps: {
        // An agenda item dropped here is being reordered, not pasted: the item handles it.
        handleDrop: (_view, event) => event.dataTransfer?.types.includes(AGENDA_DRAG_TYPE) ?? false,
        attributes: {
          class: "rich-text-content",
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelId,
          "aria-readonly": canEdit ? "false" : "true",
          "data-placeholder": placeholder,
          ...(lang ? { lang } : {}),
        },
      },
    },
    [fragment, session, canEdit, lang],
  );

  return (
    <>
      <div className="rich-text-head">
        {labelElement}
        {canEdit && editor ? <Toolbar editor={editor} field={label} /> : null}
      </div>
      <EditorContent editor={editor} className="rich-text-body" />
    </>
  );
}
