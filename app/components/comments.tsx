import { useFetcher } from "@remix-run/react";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { createContext, useContext, useEffect, useId, useRef } from "react";
import { formatDateTime, useLocale } from "../i18n/format";
import type { CommentView } from "../models/comments.server";
import { useT } from "../i18n/use-t";
import { replyNotice, useSchemaForm, type FormReply } from "./schema-form";

// Threaded comments beside an agenda item, a draft action or a commitment:
// by anyone who can read it, with @mentions of people in the series, resolved
// and reopened by secretariats. Never part of the record.

export type CommentItem = CommentView;

export interface CommentsValue {
  comments: CommentItem[];
  /** Where the forms post (the page's own action). */
  action: string;
  canComment: boolean;
  canResolve: boolean;
  /** Names that @ can mention. */
  members: string[];
}

const CommentsContext = createContext<CommentsValue | null>(null);
export const CommentsProvider = CommentsContext.Provider;

/** A body with @mentions of known people marked. */
function Body({ text, members }: { text: string; members: string[] }) {
  const names = [...members].sort((a, b) => b.length - a.length);
  const parts: React.ReactNode[] = [];
  let plain = "";
  for (let i = 0; i < text.length; i++) {
    const name = text[i] === "@" ? names.find((n) => text.startsWith(n, i + 1)) : undefined;
    if (!name) {
      plain += text[i];
      continue;
    }
    if (plain) parts.push(plain);
    plain = "";
    parts.push(
      <mark key={i} className="mention">
        @{name}
      </mark>,
    );
    i += name.length;
  }
  if (plain) parts.push(plain);
  return <p className="comment-body">{parts}</p>;
}

function CommentForm({ target, parentId, label }: { target: string; parentId: number | null; label: string }) {
  const t = useT();
  const value = useContext(CommentsContext)!;
  const fetcher = useFetcher<FormReply>();
  const id = useId();
  const [conform, fields] = useSchemaForm("comment", { id: `comment-${id}`, reply: fetcher.data });
  const body = fields.body;
  const form = useRef<HTMLFormElement>(null);
  const notice = fetcher.state === "idle" ? replyNotice(fetcher.data) : null;
  const error = body.errors?.[0] ?? (notice?.tone === "error" ? notice.key : undefined);
  // Posted: the box empties for the next comment.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.status === "success") form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form ref={form} method="post" action={value.action} className="comment-form" {...getFormProps(conform)}>
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="parentId" value={parentId ?? ""} />
      <label htmlFor={body.id} className="visually-hidden">
        {label}
      </label>
      <textarea rows={2} placeholder={label} {...getTextareaProps(body)} />
      {error ? (
        <small id={body.errorId} className="field-error">
          {t(error)}
        </small>
      ) : null}
      <button type="submit" className="secondary compact" disabled={fetcher.state !== "idle"}>
        {parentId === null ? t("comments.post") : t("comments.reply")}
      </button>
    </fetcher.Form>
  );
}

function StateButton({ commentId, resolved }: { commentId: number; resolved: boolean }) {
  const t = useT();
  const value = useContext(CommentsContext)!;
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" action={value.action} className="comment-state">
      <input type="hidden" name="intent" value={resolved ? "reopenComment" : "resolveComment"} />
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" className="secondary outline compact">
        {resolved ? t("comments.reopen") : t("comments.resolve")}
      </button>
    </fetcher.Form>
  );
}

function Comment({ comment, members }: { comment: CommentItem; members: string[] }) {
  const locale = useLocale();
  return (
    <article className="comment">
      <p className="comment-meta">
        <strong>{comment.authorName}</strong>
        {comment.agencyCode ? <span className="party-code"> · {comment.agencyCode}</span> : null}
        <span className="muted"> · {formatDateTime(locale, comment.createdAt)}</span>
      </p>
      <Body text={comment.body} members={members} />
    </article>
  );
}

/** The threads on one target, folded into a line that says how many are open. */
export function CommentThreads({ target }: { target: string }) {
  const t = useT();
  const value = useContext(CommentsContext);
  if (!value) return null;
  const mine = value.comments.filter((c) => c.target === target);
  const threads = mine.filter((c) => c.parentId === null);
  const open = threads.filter((c) => !c.resolvedAt).length;
  if (threads.length === 0 && !value.canComment) return null;
  return (
    <details className="comment-threads">
      <summary>{threads.length === 0 ? t("comments.none") : t("comments.summary", { count: threads.length, open })}</summary>
      {threads.map((thread) => (
        <section key={thread.id} className={`comment-thread${thread.resolvedAt ? " is-resolved" : ""}`} aria-label={t("comments.thread", { name: thread.authorName })}>
          <Comment comment={thread} members={value.members} />
          {mine
            .filter((c) => c.parentId === thread.id)
            .map((reply) => (
              <div key={reply.id} className="comment-reply">
                <Comment comment={reply} members={value.members} />
              </div>
            ))}
          {thread.resolvedAt ? <p className="muted comment-resolved">{t("comments.resolvedBy", { name: thread.resolvedByName ?? "—" })}</p> : null}
          <div className="comment-actions">
            {value.canComment && !thread.resolvedAt ? <CommentForm target={target} parentId={thread.id} label={t("comments.replyLabel", { name: thread.authorName })} /> : null}
            {value.canResolve ? <StateButton commentId={thread.id} resolved={thread.resolvedAt !== null} /> : null}
          </div>
        </section>
      ))}
      {value.canComment ? <CommentForm target={target} parentId={null} label={t("comments.newLabel")} /> : null}
    </details>
  );
}
