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
