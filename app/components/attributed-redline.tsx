import type { AttributedPart, EntryChange } from "../collab/attributed-diff";
import { formatDateTime, useLocale } from "../i18n/format";
import { LOCALE_NAMES, type Locale } from "../i18n/locales";
import { useT } from "../i18n/use-t";
import { PRESENCE_COLORS } from "../collab/presence-colors";

// A redline whose every insertion and deletion names its author and party:
// underlined or struck through in the colour of that party (the series'
// parties in their order take the palette's colours), with the author's name
// on hover and in a line under each text, so it reads in print and aloud too.

export interface RedlinePeople {
  marks: Record<number, { userId: string; at: string }>;
  people: Record<string, { userId: string; name: string; party: string | null }>;
  /** The series' parties in order: the order gives each its colour. */
  parties: { code: string; name: string }[];
}

/** The palette slot of a party (by its place in the series); people outside any party take the last. */
export function partyTone(parties: { code: string }[], code: string | null): number {
  const index = code ? parties.findIndex((p) => p.code === code) : -1;
  return index >= 0 ? index % PRESENCE_COLORS.length : PRESENCE_COLORS.length - 1;
}

export function authorLabel(person: { name: string; party: string | null } | undefined): string {
  if (!person) return "";
  return person.party ? `${person.name} (${person.party})` : person.name;
}

function languageLabel(language: string | null): string | null {
  return language ? (LOCALE_NAMES[language as Locale] ?? language.toUpperCase()) : null;
}

export function ChangeParts({ parts, who }: { parts: AttributedPart<number>[]; who: RedlinePeople }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="redline-text">
      {parts.map((part, i) => {
        if (part.type === "equal") return <span key={i}>{part.text}</span>;
        const mark = part.by === undefined ? undefined : who.marks[part.by];
        const person = mark ? who.people[mark.userId] : undefined;
        const tone = `party-tone-${partyTone(who.parties, person?.party ?? null)}`;
        const title = person
          ? t(part.type === "insert" ? "redline.insertedBy" : "redline.deletedBy", { who: authorLabel(person), at: formatDateTime(locale, mark!.at) })
          : t(part.type === "insert" ? "redline.inserted" : "redline.deleted");
        return part.type === "insert" ? (
          <ins key={i} className={tone} title={title} data-author={authorLabel(person)}>
            {part.text}
          </ins>
        ) : (
          <del key={i} className={tone} title={title} data-author={authorLabel(person)}>
            {part.text}
          </del>
        );
      })}
    </p>
  );
}

/** Who changed a text, each named once with their party. */
export function ChangeAuthors({ indexes, who }: { indexes: (number | undefined)[]; who: RedlinePeople }) {
  const t = useT();
  const seen = new Set<string>();
  const people = [];
  for (const index of indexes) {
    const userId = index === undefined ? undefined : who.marks[index]?.userId;
    if (!userId || seen.has(userId)) continue;
    seen.add(userId);
    const person = who.people[userId];
    if (person) people.push(person);
  }
  if (people.length === 0) return null;
  return (
    <p className="change-authors">
      {t("redline.by")}{" "}
      {people.map((person, i) => (
        <span key={person.userId}>
          {i > 0 ? ", " : null}
          <span className={`change-author party-tone-${partyTone(who.parties, person.party)}`}>{authorLabel(person)}</span>
        </span>
      ))}
    </p>
  );
}

export function RedlineEntries({ entries, who, headingLevel = 2 }: { entries: EntryChange<number>[]; who: RedlinePeople; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <ol className="redline-list">
      {entries.map((entry) => (
        <li key={`${entry.list}:${entry.id}`} className={`redline-entry is-${entry.change}`}>
          <Heading>
            {t(entry.list === "agenda" ? "versions.agendaItem" : "versions.action", { number: entry.number })}{" "}
            <span className="badge">{t(`versions.changes.${entry.change}`)}</span>
          </Heading>
          {entry.fields
            .filter((f) => f.parts.some((p) => p.type !== "equal") || entry.change !== "changed")
            .map((f) => {
              const language = languageLabel(f.language);
              return (
                <div key={f.key} className="redline-field">
                  <Sub>
                    {t(`conclusion.leftovers.fields.${f.field}`)}
                    {language ? <span className="field-language"> · {language}</span> : null}
                  </Sub>
                  <ChangeParts parts={f.parts} who={who} />
                  <ChangeAuthors indexes={f.parts.filter((p) => p.type !== "equal").map((p) => p.by)} who={who} />
                </div>
              );
            })}
          {entry.change === "removed" ? <ChangeAuthors indexes={entry.by} who={who} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** Which colour is which party, above a redline. */
export function PartyLegend({ who }: { who: RedlinePeople }) {
  const t = useT();
  if (who.parties.length === 0) return null;
  return (
    <p className="party-legend">
      <span>{t("redline.legend")}</span>{" "}
      {who.parties.map((party, i) => (
        <span key={party.code} className={`party-swatch party-tone-${partyTone(who.parties, party.code)}`} title={party.name}>
          {i > 0 ? " " : null}
          {party.code}
        </span>
      ))}
    </p>
  );
}
