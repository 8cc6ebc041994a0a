import nodemailer from "nodemailer";

/** Sends one message; resolves once the SMTP server has accepted it. */
export type SendMail = (message: { to: string; subject: string; text: string; html: string; messageId: string; headers?: Record<string, string> }) => Promise<void>;

// Bounded waits, so that a silent mail server costs one attempt and a retry
// later (well under the time after which an unfinished send is taken up again).
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createSmtpMailer(smtpUrl: string, from: string): { send: SendMail; close(): void } {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
