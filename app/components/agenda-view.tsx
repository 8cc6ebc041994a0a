import { useT } from "../i18n/use-t";
import type { ShownLanguage } from "../models/parallel-text-rules";
import { FallbackMarker, ShownText } from "./shown-text";
import type { AgendaKind } from "../collab/conference-doc";
import type { WorkspaceParty } from "./workspace-context";

// The read-only face of the agenda: the server-rendered first paint (from the
// SQL projection) and the live view of those who may not edit share it.

export interface AgendaSnapshotItem {
  id: string;
  title: string;
  kind: string;
  leadParty: string | null;
  startTime: string | null;
  durationMinutes: number | null;
  notesText: string;
  outcomeText: string;
  /** Which language each text is in, when it is not the reader's (see ShownText). */
  shown?: { title: ShownLanguage; notes: ShownLanguage; outcome: ShownLanguage };
}

/** "09:00" + 45 → "09:45" (wrapping at midnight); null when either is unknown. */
export function endTime(startTime: string | null, minutes: number | null): string | null {
  const match = startTime ? /^(\d{2}):(\d{2})/.exec(startTime) : null;
  if (!match || minutes === null || minutes <= 0) return null;
  const total = (Number(match[1]) * 60 + Number(match[2]) + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

export function AgendaSection({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
    <section className="workspace-section" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t("workspace.agenda.heading")}</h2>
      {children}
    </section>
  );
}

/** Kind, lead party and time of an item, as text. */
export function AgendaMeta({
  kind,
  leadParty,
  startTime,
  durationMinutes,
  parties,
  className,
}: {
  kind: string;
  leadParty: string | null;
  startTime: string | null;
  durationMinutes: number | null;
  parties: WorkspaceParty[];
  className?: string;
}) {
  const t = useT();
  const lead = leadParty ? parties.find((p) => p.code === leadParty) : undefined;
  const end = endTime(startTime, durationMinutes);
  return (
    <ul className={className ? `agenda-meta ${className}` : "agenda-meta"}>
      <li className="agenda-kind">{t(`workspace.agenda.kinds.${kind as AgendaKind}`, { defaultValue: kind })}</li>
      {leadParty ? (
        <li>
          {t("workspace.agenda.leadParty")}:{" "}
          <abbr title={lead?.name ?? leadParty} className="party-code">
            {leadParty}
          </abbr>
        </li>
      ) : null}
      {startTime ? (
        <li>
          <time>{startTime.slice(0, 5)}</time>
          {end ? (
            <>
              –<time>{end}</time>
            </>
          ) : null}
        </li>
      ) : null}
      {durationMinutes ? <li>{t("workspace.agenda.durationValue", { count: durationMinutes })}</li> : null}
    </ul>
  );
}

function TextBlock({ label, text, empty, shown }: { label: string; text: string; empty: string; shown?: ShownLanguage }) {
  const paragraphs = text.split("\n").filter((p) => p.trim() !== "");
  return (
    <div className="rich-text is-readonly">
      <div className="rich-text-head">
        <span className="field-label">{label}</span>
        {paragraphs.length > 0 ? <FallbackMarker shown={shown} /> : null}
      </div>
      <div className="rich-text-body" lang={paragraphs.length > 0 ? shown?.language : undefined}>
        {paragraphs.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          paragraphs.map((p, i) => <p key={i}>{p}</p>)
        )}
      </div>
    </div>
  );
}

/** The agenda as the server last projected it: readable before any script runs. */
export function AgendaSnapshot({ items, parties }: { items: AgendaSnapshotItem[]; parties: WorkspaceParty[] }) {
  const t = useT();
  return (
    <AgendaSection>
      {items.length === 0 ? (
        <p className="muted empty-list">{t("workspace.agenda.empty")}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((item, index) => (
            <li key={item.id} className="agenda-item">
              <article className="agenda-card is-readonly">
                <header className="agenda-card-head">
                  <span className="agenda-number" aria-hidden="true">
                    {index + 1}
                  </span>
                  <h3 className="agenda-title">
                    {item.title.trim() ? <ShownText text={item.title} shown={item.shown?.title} /> : t("workspace.agenda.untitled")}
                  </h3>
                </header>
                <AgendaMeta {...item} parties={parties} />
                <div className="agenda-texts">
                  <TextBlock label={t("workspace.agenda.notes")} text={item.notesText} empty={t("workspace.agenda.noNotes")} shown={item.shown?.notes} />
                  <TextBlock
                    label={t("workspace.agenda.outcome")}
                    text={item.outcomeText}
                    empty={t("workspace.agenda.noOutcome")}
                    shown={item.shown?.outcome}
                  />
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}
    </AgendaSection>
  );
}
