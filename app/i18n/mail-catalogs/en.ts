// The texts of the mails Accord sends, for the server alone: a page never
// shows them, so they are not in the catalogs every page loads (catalogs/*.ts).
// catalogs.server.ts merges them into the server's catalogs under the same keys.
import type { Widen } from "../catalogs/en";

export const enMail = {
  invite: {
    mail: {
      subject: "{{inviter}} invites you to Accord",
      intro: "{{inviter}} has invited you to Accord, where the delegations of a cooperation mechanism prepare their conferences together and follow up what was agreed.",
      action: "To set up your account ({{email}}), open this link and choose a password:",
      button: "Set up my account",
      expires: "The link works once, until {{expires}}.",
      notExpected: "If you did not expect this invitation, you can ignore this mail: no account is made without you.",
      footer: "You receive this mail because an administrator of Accord invited {{email}}.",
    },
  },
  notify: {
    mail: {
      stop: "Stop mail of this kind (“{{kind}}”) in one click",
      stopDigest: "Stop the daily digest in one click",
      greeting: "Hello {{name}},",
      open: "Open in Accord",
      footer: "You receive this mail because you take part in {{series}} in Accord.",
      footerGeneric: "You receive this mail because you use Accord.",
      preferences: "Change which notifications reach you by mail",
      digestSubject_one: "Accord: {{count}} notification in your daily digest",
      digestSubject_other: "Accord: {{count}} notifications in your daily digest",
      digestIntro: "Here is what happened since your last digest:",
    },
  },
};

export type MailCatalog = Widen<typeof enMail>;
