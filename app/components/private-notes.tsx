import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from "react";
import * as Y from "yjs";
import { useCollabDoc, type CollabSession, type CollabUser } from "../collab/use-collab-doc";
import { WhileScripted } from "./while-scripted";
import { useT } from "../i18n/use-t";
import { RichTextField } from "./rich-text-field";
import { WorkspaceProvider, type WorkspaceParty } from "./workspace-context";

// A delegation's own notes on a conference, its items and its commitments:
// co-edited live among the members of one agency, in a document no other
// party can open (conference/<id>/private/<agencyId>), never projected,
// searched, exported or adopted.

export interface PrivateNotesRef {
  docName: string;
  agencyCode: string;
}

interface PrivateNotesValue {
  session: CollabSession;
  agencyCode: string;
  parties: WorkspaceParty[];
}

const PrivateNotesContext = createContext<PrivateNotesValue | null>(null);

/** The viewer's agency while its notes open: the section keeps its place on the page meanwhile. */
const PendingNotesContext = createContext<string | null>(null);

/** Opens the viewer's own agency's notes for this conference, for the fields below it. */
export function PrivateNotesProvider({
  notes,
  user,
  parties,
  children,
}: {
  notes: PrivateNotesRef | null;
  user: CollabUser;
  parties: WorkspaceParty[];
  children: React.ReactNode;
}) {
  return notes ? (
    <OpenPrivateNotes notes={notes} user={user} parties={parties}>
      {children}
    </OpenPrivateNotes>
  ) : (
    <>{children}</>
  );
}

function OpenPrivateNotes({ notes, user, parties, children }: { notes: PrivateNotesRef; user: CollabUser; parties: WorkspaceParty[]; children: React.ReactNode }) {
  const collab = useCollabDoc(notes.docName, { user });
  const value = useMemo(
    () => (collab.session && collab.hasSynced ? { session: collab.session, agencyCode: notes.agencyCode, parties } : null),
    [collab.session, collab.hasSynced, notes.agencyCode, parties],
  );
  return (
    <PendingNotesContext.Provider value={notes.agencyCode}>
      <PrivateNotesContext.Provider value={value}>{children}</PrivateNotesContext.Provider>
    </PendingNotesContext.Provider>
  );
}

function notesMap(doc: Y.Doc): Y.Map<Y.XmlFragment> {
  return doc.getMap("notes");
}

/** The fragment of one note, following the map as members add notes. */
function useNoteFragment(doc: Y.Doc, key: string): Y.XmlFragment | null {
  const subscribe = useCallback(
    (notify: () => void) => {
      const map = notesMap(doc);
      const onChange = (event: Y.YMapEvent<Y.XmlFragment>) => {
        if (event.keysChanged.has(key)) notify();
      };
      map.observe(onChange);
      return () => map.unobserve(onChange);
    },
    [doc, key],
  );
  const read = () => {
    const value = notesMap(doc).get(key);
    return value instanceof Y.XmlFragment ? value : null;
  };
  return useSyncExternalStore(subscribe, read, () => null);
}

/** The viewer's delegation's notes on the conference (or on one commitment), as a section of a page. */
export function PrivateNotesSection({ noteKey = "conference", label }: { noteKey?: string; label?: string }) {
  const t = useT();
  const value = useContext(PrivateNotesContext);
  const pending = useContext(PendingNotesContext);
  const agencyCode = value?.agencyCode ?? pending;
  if (!agencyCode) return null;
  return (
    <PrivateNotesFrame agencyCode={agencyCode}>
      {value ? <OpenNote value={value} noteKey={noteKey} label={label ?? t("privateNotes.conference")} /> : <PendingNote />}
    </PrivateNotesFrame>
  );
}

/**
 * The section of a delegation's notes, with its note to come: what the page
 * shows until the notes have opened (the server's copy of the workspace, a
 * slow link), so that nothing below it moves when they do.
 */
export function PrivateNotesFrame({ agencyCode, children = <PendingNote /> }: { agencyCode: string; children?: React.ReactNode }) {
  const t = useT();
  return (
    <section className="workspace-section private-notes" aria-labelledby="private-notes-heading">
      <h2 id="private-notes-heading">{t("privateNotes.heading", { agency: agencyCode })}</h2>
      <p className="muted section-help">{t("privateNotes.intro", { agency: agencyCode })}</p>
      {children}
    </section>
  );
}

function PendingNote() {
  const t = useT();
  return (
    <div className="private-note">
      <p className="muted private-note-pending">
        <WhileScripted text={t("privateNotes.opening")} withoutScript={t("privateNotes.needsScript")} />
      </p>
    </div>
  );
}

/** One private note: "conference", "item-<id>" or "commitment-<id>". Nothing when the viewer has none to keep. */
export function PrivateNote({ noteKey, label }: { noteKey: string; label: string }) {
  const value = useContext(PrivateNotesContext);
  return value ? <OpenNote value={value} noteKey={noteKey} label={label} /> : null;
}

function OpenNote({ value, noteKey, label }: { value: PrivateNotesValue; noteKey: string; label: string }) {
  const t = useT();
  const fragment = useNoteFragment(value.session.doc, noteKey);
  const workspace = useMemo(() => ({ session: value.session, canEdit: true, parties: value.parties }), [value.session, value.parties]);
  const hint = t("privateNotes.onlyUs", { agency: value.agencyCode });
  return (
    <div className="private-note">
      {fragment ? (
        <WorkspaceProvider value={workspace}>
          <RichTextField fragment={fragment} fieldKey={`private:${noteKey}`} label={`${label} · ${hint}`} placeholder={t("privateNotes.placeholder")} />
        </WorkspaceProvider>
      ) : (
        <button
          type="button"
          className="secondary outline compact"
          onClick={() => {
            const map = notesMap(value.session.doc);
            // Two members starting the same note at the same instant: one fragment wins for both; what
            // the other typed before seeing it would be lost, a narrow window since starting comes before typing.
            if (!map.has(noteKey)) map.set(noteKey, new Y.XmlFragment());
          }}
        >
          {t("privateNotes.start", { agency: value.agencyCode })}
        </button>
      )}
    </div>
  );
}
