// "Tell this user": the one place that says something changed for a person —
// their unread notifications, or their sessions (signed out, revoked). Open
// live streams of that person listen here. In one process this is an event
// emitter; with several instances (issue 15) `tell` publishes on Redis and each
// instance delivers to its own listeners, so no caller changes. A notice
// carries only who and what changed, never a count: each listener reads its
// own person's count, so nobody's figure can reach anyone else.

export type UserNotice = "unread" | "sessions";
type Listener = (notice: UserNotice) => void;

export class UserNotices {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** `elsewhere` tells the other instances (the Redis relay's control channel); absent, this one is alone. */
  constructor(private readonly elsewhere?: (userId: string, notice: UserNotice) => void) {}

  tell(userId: string, notice: UserNotice): void {
    this.deliver(userId, notice);
    this.elsewhere?.(userId, notice);
  }

  /** Tells this instance's listeners only: what another instance told. */
  deliver(userId: string, notice: UserNotice): void {
    for (const listener of [...(this.listeners.get(userId) ?? [])]) listener(notice);
  }

  listen(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  listenerCount(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }
}
