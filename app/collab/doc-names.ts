/** The collaborative documents Accord has, by name (`/collab/<name>`). */
export type DocRef =
  | { kind: "conference"; conferenceId: number }
  /** One party's own notes on a conference: only members of that agency in the series. */
  | { kind: "private"; conferenceId: number; agencyId: number }
  | { kind: "register"; seriesId: number };

export function conferenceDocName(conferenceId: number): string {
  return `conference/${conferenceId}`;
}

export function privateNotesDocName(conferenceId: number, agencyId: number): string {
  return `conference/${conferenceId}/private/${agencyId}`;
}

export function registerDocName(seriesId: number): string {
  return `series/${seriesId}/register`;
}

export function parseDocName(name: string): DocRef | null {
  let match = /^conference\/([1-9]\d{0,9})$/.exec(name);
  if (match) return { kind: "conference", conferenceId: Number(match[1]) };
  match = /^conference\/([1-9]\d{0,9})\/private\/([1-9]\d{0,9})$/.exec(name);
  if (match) return { kind: "private", conferenceId: Number(match[1]), agencyId: Number(match[2]) };
  match = /^series\/([1-9]\d{0,9})\/register$/.exec(name);
  if (match) return { kind: "register", seriesId: Number(match[1]) };
  return null;
}
