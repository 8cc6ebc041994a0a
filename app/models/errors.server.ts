/**
 * A refusal the user can act on. `code` is an i18n key under "errors."; the
 * route turns it into a message in the user's language.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

/**
 * A command the user may not give on this thing (answered 403, audited).
 * `key` is a full i18n key that says why and what to do instead.
 */
export class RefusedError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = "RefusedError";
  }
}
