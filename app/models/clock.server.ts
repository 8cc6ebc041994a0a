/** The one source of "now" for models, so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export function minutesAgo(clock: Clock, minutes: number): string {
  return new Date(clock.now().getTime() - minutes * 60_000).toISOString();
}
