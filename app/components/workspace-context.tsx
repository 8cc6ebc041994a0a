import { createContext, useContext } from "react";
import type { CollabSession } from "../collab/use-collab-doc";

export interface WorkspaceParty {
  code: string;
  name: string;
}

export interface WorkspaceContextValue {
  session: CollabSession;
  /** False for read-only viewers, and for everyone once the session ended. */
  canEdit: boolean;
  /** The record is adopted: the document is what was agreed. */
  adopted?: boolean;
  parties: WorkspaceParty[];
}

/** Drag data type of an agenda item being reordered: not text, so no field inserts it on drop. */
export const AGENDA_DRAG_TYPE = "application/x-accord-agenda-item";

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export const WorkspaceProvider = WorkspaceContext.Provider;

/** The live conference document and what the viewer may do with it. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace outside the conference workspace");
  return value;
}
