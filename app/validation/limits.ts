// Limits and choices that pages show as well as schemas check, kept free of
// zod so that importing them does not bring zod into the browser (decision 0041).

/** Longest reason for blocking or dropping: a sentence or two, read in lists and the briefing. */
export const REASON_MAX = 500;
/** The shortest password accepted. */
export const PASSWORD_MIN_LENGTH = 10;
export const SERIES_ROLES = ["secretariat", "delegate", "observer"] as const;
export const CONFERENCE_FORMATS = ["in_person", "online", "hybrid"] as const;
export const AGREEMENT_STATUSES = ["draft", "signed", "in_force", "expired", "terminated"] as const;
