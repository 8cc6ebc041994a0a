import { WhileScripted } from "./while-scripted";
import { useT } from "../i18n/use-t";
import type { CollabEnd, ConnectionState } from "../collab/use-collab-doc";

/** The one-line connection state: always on screen, read out politely when it changes. */
export function CollabStatus({
  connection,
  unsaved,
  readOnly,
  live,
  ended,
}: {
  connection: ConnectionState;
  unsaved: number;
  readOnly: boolean;
  /** False while the page still shows the server-rendered copy. */
  live: boolean;
  ended: boolean;
}) {
  const t = useT();
  let text: string;
  let tone: "ok" | "busy" | "warn";
  if (ended) {
    tone = "warn";
    text = unsaved > 0 && !readOnly ? t("workspace.status.endedKept", { count: unsaved }) : t("workspace.status.ended");
  } else if (connection === "offline") {
    tone = "warn";
    text = unsaved > 0 && !readOnly ? t("workspace.status.offlineKept", { count: unsaved }) : t("workspace.status.offline");
  } else if (connection === "reconnecting") {
    tone = "warn";
    text =
      unsaved > 0 && !readOnly ? t("workspace.status.reconnectingKept", { count: unsaved }) : t("workspace.status.reconnecting");
  } else if (connection === "connecting" || !live) {
    tone = "busy";
    text = t("workspace.status.connecting");
  } else if (readOnly) {
    tone = "ok";
    text = t("workspace.status.live");
  } else if (unsaved > 0) {
    tone = "busy";
    text = t("workspace.status.saving", { count: unsaved });
  } else {
    tone = "ok";
    text = t("workspace.status.connected");
  }
  return (
    <p className={`collab-status collab-status-${tone}`} role="status" aria-live="polite">
      <span className="collab-status-dot" aria-hidden="true" />
      {/* The page's first state says "connecting"; without JavaScript it never will, and says so. */}
      {live ? <span>{text}</span> : <WhileScripted text={text} withoutScript={t("workspace.status.noScript")} />}
      {readOnly ? <span className="badge badge-observer">{t("workspace.status.readOnly")}</span> : null}
    </p>
  );
}

/** Shown when the hub closed the socket for good (4401, 4403, or an error). */
export function CollabEnded({ reason, loginHref }: { reason: CollabEnd; loginHref: string }) {
  const t = useT();
  const key = reason === "session" || reason === "access" || reason === "windows" ? reason : "error";
  return (
    <div className="form-message error collab-ended" role="alert">
      <strong>{t(`workspace.ended.${key}Title`)}</strong>
      <p>{t(`workspace.ended.${key}Body`)}</p>
      {reason === "session" ? (
        <a href={loginHref} role="button" className="compact">
          {t("workspace.ended.signIn")}
        </a>
      ) : (
        <a href="" role="button" className="compact secondary outline">
          {t("workspace.ended.reload")}
        </a>
      )}
    </div>
  );
}
