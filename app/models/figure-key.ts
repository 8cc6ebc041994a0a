/**
 * What makes two reports the same figure: their label and unit, trimmed,
 * without regard to case. The leader's charts group reports by it, and a
 * figure's names per language (figure-names.server.ts) are keyed by it.
 */
export function figureKey(label: string, unit: string | null) {
  const key = { label: label.trim().toLocaleLowerCase(), unit: (unit ?? "").trim().toLocaleLowerCase() };
  return { ...key, joined: joinedFigureKey(key.label, key.unit) };
}

/** A figure's key as one string, from its parts as figure_names stores them. */
export function joinedFigureKey(labelKey: string, unitKey: string): string {
  return `${labelKey}\u0000${unitKey}`;
}

/** The name of the form that names one figure on the languages page. */
export function figureFormName(label: string, unit: string | null): string {
  const key = figureKey(label, unit);
  return `figure:${encodeURIComponent(key.label)}:${encodeURIComponent(key.unit)}`;
}
