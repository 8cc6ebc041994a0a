import { useT } from "../i18n/use-t";
import { peoplePresent, setLocalFocus, useAwarenessPeers } from "../collab/use-awareness";
import { presenceColorClass } from "../collab/presence-colors";
import { useWorkspace } from "./workspace-context";

const MAX_AVATARS = 6;

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  // CJK names read well as their first character; others as two initials.
  if (/[\u3400-\u9fff]/.test(words[0][0])) return [...words[0]][0];
  const chars = words.length === 1 ? [...words[0]].slice(0, 2) : [[...words[0]][0], [...words[words.length - 1]][0]];
  return chars.join("").toUpperCase();
}

export function Avatar({ name, color }: { name: string; color: string }) {
  return (
    <span className={`avatar ${presenceColorClass(color)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

/** Who has this conference open right now, each in their colour. */
export function PresenceList() {
  const t = useT();
  const { session } = useWorkspace();
  const people = peoplePresent(useAwarenessPeers(session.awareness));
  const shown = people.slice(0, MAX_AVATARS);
  const hidden = people.length - shown.length;
  return (
    <div className="presence">
      <span className="presence-label">{t("workspace.presence.label")}</span>
      <ul className="presence-list">
        {shown.map((person) => (
          <li key={person.userId} title={person.name}>
            <Avatar name={person.name} color={person.color} />
            <span className="presence-name">
              {person.isSelf ? t("workspace.presence.you", { name: person.name }) : person.name}
            </span>
          </li>
        ))}
        {hidden > 0 ? <li className="presence-more">{t("workspace.presence.more", { count: hidden })}</li> : null}
      </ul>
    </div>
  );
}

/**
 * Wraps a co-edited field: tells the others when we are in it, and shows who
 * else is (their name tag and an outline in their colour).
 */
export function PresenceField({
  fieldKey,
  className,
  children,
}: {
  fieldKey: string;
  className?: string;
  children: React.ReactNode;
}) {
  const t = useT();
  const { session } = useWorkspace();
  const others = useAwarenessPeers(session.awareness).filter((p) => !p.isSelf && p.focus === fieldKey);
  const first = others[0];
  const classes = ["presence-field", className, first ? `peer-focused ${presenceColorClass(first.color)}` : null];
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      onFocus={() => setLocalFocus(session.awareness, fieldKey)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setLocalFocus(session.awareness, null);
      }}
    >
      {children}
      {others.length > 0 ? (
        <div className="peer-tags">
          <span className="visually-hidden">
            {others.map((p) => t("workspace.presence.editing", { name: p.name })).join(", ")}
          </span>
          {others.map((p) => (
            <span key={p.clientId} className={presenceColorClass(p.color)} aria-hidden="true">
              {p.name}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
