import { Form, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { EntryChange } from "../collab/attributed-diff";
import type { CollabSession } from "../collab/use-collab-doc";
import { formatDate, formatDateTime, useLocale } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { partyTone, PartyLegend, RedlineEntries, type RedlinePeople } from "./attributed-redline";

// At the top of a conference: what the others changed since this reader last
// marked it seen, party by party, then item by item as a redline in each
// party's colour, and "Mark as seen". It is asked for once the workspace is
// on screen (comparing can take most of a second on a large document), and
// asked for again a moment after the others edit, so it follows them live.

/** Quiet time after someone else's edit before asking again; and the longest a run of their edits waits. */
const REFRESH_AFTER_MS = 1500;
const REFRESH_AT_MOST_EVERY_MS = 5000;

/**
 * The panel, loaded from `href` (the conference's /changes) and again after
 * the others' edits reach this page's live document, debounced: one request
 * per pause in their typing, not one per keystroke.
 */
export function LiveChangesSince({ href, markSeenAction, session }: { href: string; markSeenAction: string; session: CollabSession | null }) {
  const [changes, setChanges] = useState<ChangesSinceView | null>(null);
  const asked = useRef(0);
  // A plain request, not a fetcher: a failed fetcher load would replace the
  // whole workspace with the error page, and a delegate who is offline for a
  // moment must keep typing. A failure keeps the last answer; the next edit,
  // reconnection or form asks again.
  const load = useCallback(async () => {
    if (!navigator.onLine) return;
    const ask = ++asked.current;
    try {
      const response = await fetch(href, { headers: { accept: "application/json" } });
      if (!response.ok) return;
      const answer = (await response.json()) as ChangesSinceView;
      // An older request answering late must not undo a newer one.
      if (ask === asked.current) setChanges(answer);
    } catch {
      // Offline or the server away: asked again later.
    }
  }, [href]);

  useEffect(() => {
    void load();
    const online = () => void load();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [load]);

  // "Mark as seen" (and any other form on the page) changes what is new: ask again once it is done.
  const navigation = useNavigation();
  const busy = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle") busy.current = true;
    else if (busy.current) {
      busy.current = false;
      void load();
    }
  }, [navigation.state, load]);

  useEffect(() => {
    if (!session) return;
    const { doc, provider } = session;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let firstWaiting = 0;
    const refresh = () => {
      timer = null;
      firstWaiting = 0;
      void load();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      // Only others' edits, as the server relays them once synced; not this reader's own, nor the first sync.
      if (transaction.local || origin !== provider || !provider.synced) return;
      const now = Date.now();
      firstWaiting ||= now;
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, now - firstWaiting >= REFRESH_AT_MOST_EVERY_MS - REFRESH_AFTER_MS ? 0 : REFRESH_AFTER_MS);
    };
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [session, load]);

  return changes ? <ChangesSincePanel changes={changes} markSeenAction={markSeenAction} /> : null;
}

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
