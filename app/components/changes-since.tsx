import { Form } from "@remix-run/react";
import type { EntryChange } from "../collab/attributed-diff";
import { formatDate, formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { partyTone, PartyLegend, RedlineEntries, type RedlinePeople } from "./attributed-redline";

// At the top of a conference: what the others changed since this reader last
// marked it seen, party by party, then item by item as a redline in each
// party's colour, and "Mark as seen".

interface Counts {
  added: number;
  changed: number;
  removed: number;
}

export interface ChangesSinceView {
  since: string | null;
  entries: EntryChange<number>[];
  who: RedlinePeople;
  byParty: { party: string | null; agenda: Counts; actions: Counts }[];
}

function PartySummary({ row, parties }: { row: ChangesSinceView["byParty"][number]; parties: RedlinePeople["parties"] }) {
  const t = useT();
  const pieces = [
    row.agenda.changed ? t("since.changedItems", { count: row.agenda.changed }) : null,
    row.agenda.added ? t("since.addedItems", { count: row.agenda.added }) : null,
    row.agenda.removed ? t("since.removedItems", { count: row.agenda.removed }) : null,
    row.actions.changed ? t("since.changedActions", { count: row.actions.changed }) : null,
    row.actions.added ? t("since.addedActions", { count: row.actions.added }) : null,
    row.actions.removed ? t("since.removedActions", { count: row.actions.removed }) : null,
  ].filter((piece): piece is string => piece !== null);
  const who = row.party ?? t("since.someone");
  return (
    <li>
      <strong className={`change-author party-tone-${partyTone(parties, row.party)}`}>{who}</strong> {pieces.join(t("since.separator"))}
    </li>
  );
}

export function ChangesSincePanel({ changes, markSeenAction }: { changes: ChangesSinceView; markSeenAction: string }) {
  const t = useT();
  const locale = useLocale();
  if (changes.since === null) return null;
  const when = formatDate(locale, changes.since, "full");
  return (
    <section className="changes-since" aria-labelledby="changes-since-title">
      <div className="changes-since-head">
        <h2 id="changes-since-title">{t("since.title", { when })}</h2>
        <Form method="post" action={markSeenAction}>
          <button type="submit" className="secondary">
            {t("since.markSeen")}
          </button>
        </Form>
      </div>
      {changes.entries.length === 0 ? (
        <p className="muted">{t("since.nothing", { when: formatDateTime(locale, changes.since) })}</p>
      ) : (
        <>
          <ul className="changes-since-summary">
            {changes.byParty.map((row) => (
              <PartySummary key={row.party ?? ""} row={row} parties={changes.who.parties} />
            ))}
          </ul>
          <details className="changes-since-details">
            <summary>{t("since.show", { count: changes.entries.length })}</summary>
            <PartyLegend who={changes.who} />
            <div className="redline">
              <RedlineEntries entries={changes.entries} who={changes.who} headingLevel={3} />
            </div>
          </details>
        </>
      )}
    </section>
  );
}
