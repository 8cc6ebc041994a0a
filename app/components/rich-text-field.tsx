import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useId } from "react";
import { useT } from "../i18n/use-t";
import type * as Y from "yjs";
import { PresenceField } from "./presence";
import { AGENDA_DRAG_TYPE, useWorkspace } from "./workspace-context";

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

/**
 * Rich text co-edited with TipTap, bound to a nested Y.XmlFragment of the
 * conference document; everyone's caret shows with their name and colour.
 */
export function RichTextField({
  fragment,
  fieldKey,
  label,
  placeholder,
  lang,
  autoFocus = false,
}: {
  fragment: Y.XmlFragment;
  fieldKey: string;
  label: string;
  placeholder: string;
  /** The language of the text (parallel texts), for spelling, fonts and screen readers. */
  lang?: string;
  autoFocus?: boolean;
}) {
  const { session, canEdit } = useWorkspace();
  const labelId = useId();
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
    <PresenceField fieldKey={fieldKey} className={`rich-text ${canEdit ? "is-editable" : "is-readonly"}`}>
      <div className="rich-text-head">
        <span id={labelId} className="field-label">
          {label}
        </span>
        {canEdit && editor ? <Toolbar editor={editor} field={label} /> : null}
      </div>
      <EditorContent editor={editor} className="rich-text-body" />
    </PresenceField>
  );
}
