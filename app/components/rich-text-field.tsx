import { useEffect, useId, useLayoutEffect, useState, useSyncExternalStore, type ComponentType } from "react";
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

/**
 * Editors start one at a time, in the order their fields asked, each in a
 * task of its own: a workspace has dozens of rich texts, and building all
 * their editors in one go kept a phone's main thread busy for seconds before
 * the first could be typed into (the others show their text meanwhile).
 */
const turns: Array<() => void> = [];
let turnTaken = false;
function waitForTurn(start: () => void): () => void {
  turns.push(start);
  if (!turnTaken) nextTurn();
  return () => {
    const at = turns.indexOf(start);
    if (at >= 0) turns.splice(at, 1);
  };
}
function nextTurn() {
  const start = turns.shift();
  turnTaken = start !== undefined;
  start?.();
}
/**
 * The next field's turn comes in a later task, when the page is idle: the
 * first editor is typable while the others are still being built, and a
 * keystroke in it should not wait behind them (at most a second per field).
 */
function endTurn() {
  if (typeof requestIdleCallback === "function") requestIdleCallback(nextTurn, { timeout: 1000 });
  else setTimeout(nextTurn, 0);
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
  const loaded = useRichTextEditor();
  const [turn, setTurn] = useState(false);
  // Asked for as the field is committed, before the browser paints it: the first field's editor is then
  // built in the same frame, not after a paint of its preview and a pass of passive effects.
  useLayoutEffect(() => {
    if (!loaded || turn) return;
    let taken = false;
    const leave = waitForTurn(() => {
      taken = true;
      setTurn(true);
    });
    // Run as the editor is committed (or the field goes): the next turn comes once this commit's effects, which build the editor, have run.
    return () => (taken ? endTurn() : leave());
  }, [loaded, turn]);
  const Editor = turn ? loaded : null;
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
