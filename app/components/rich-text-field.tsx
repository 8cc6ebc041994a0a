import { useEffect, useId, useState, useSyncExternalStore, type ComponentType } from "react";
import type * as Y from "yjs";
import { fragmentText } from "../collab/conference-doc";
import type { RichTextEditorProps } from "./rich-text-editor";
import { PresenceField } from "./presence";
import { useWorkspace } from "./workspace-context";

type EditorComponent = ComponentType<RichTextEditorProps>;

let editorChunk: Promise<EditorComponent> | null = null;
let loadedEditor: EditorComponent | null = null;

/**
 * Fetches the rich text editor (TipTap and ProseMirror, a chunk of their own)
 * once per page. The workspace asks for it as soon as it opens, so that it
 * arrives while the document syncs; a failed fetch may be tried again.
 */
export function loadRichTextEditor(): Promise<EditorComponent> {
  editorChunk ??= import("./rich-text-editor").then(
    (m) => (loadedEditor = m.RichTextEditor),
    (error: unknown) => {
      editorChunk = null;
      throw error;
    },
  );
  return editorChunk;
}

function useRichTextEditor(): EditorComponent | null {
  const [editor, setEditor] = useState<EditorComponent | null>(() => loadedEditor);
  useEffect(() => {
    if (editor) return;
    let current = true;
    loadRichTextEditor().then(
      (loaded) => current && setEditor(() => loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [editor]);
  return editor;
}

/** The fragment's paragraphs as plain text, kept current while the editor is on its way. */
function FragmentPreview({ fragment, placeholder, lang }: { fragment: Y.XmlFragment; placeholder: string; lang?: string }) {
  const text = useSyncExternalStore(
    (changed) => {
      fragment.observeDeep(changed);
      return () => fragment.unobserveDeep(changed);
    },
    () => fragmentText(fragment),
  );
  const paragraphs = text === "" ? [] : text.split("\n");
  return (
    <div className="rich-text-body" aria-busy="true">
      <div className="rich-text-content rich-text-preview" lang={lang}>
        {paragraphs.length > 0 ? paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p className="muted">{placeholder}</p>}
      </div>
    </div>
  );
}

/**
 * A rich text field of the workspace. Its text shows at once, read-only, and
 * becomes the co-editing editor when that has loaded (rich-text-editor.tsx).
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
  const { canEdit } = useWorkspace();
  const labelId = useId();
  const Editor = useRichTextEditor();
  const labelElement = (
    <span id={labelId} className="field-label">
      {label}
    </span>
  );
  return (
    <PresenceField fieldKey={fieldKey} className={`rich-text ${canEdit ? "is-editable" : "is-readonly"}`}>
      {Editor ? (
        <Editor fragment={fragment} labelId={labelId} labelElement={labelElement} label={label} placeholder={placeholder} lang={lang} autoFocus={autoFocus} />
      ) : (
        <>
          <div className="rich-text-head">{labelElement}</div>
          <FragmentPreview fragment={fragment} placeholder={placeholder} lang={lang} />
        </>
      )}
    </PresenceField>
  );
}
