import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback that keeps every message it accepts, parsed.
 * `failing = true` makes it refuse messages (451) until set back.
 */
export interface SmtpReceiver {
  url: string;
  port: number;
  mails: ParsedMail[];
  failing: boolean;
  /** Wait this long before answering each message (a slow mail server). */
  delayMs: number;
  /** Resolves once at least `count` messages were received (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const receiver = { failing: false, delayMs: 0 } as SmtpReceiver;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback; nodemailer would otherwise try STARTTLS with a self-signed certificate.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (receiver.failing) {
          const error = new Error("Try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then(async (mail) => {
            if (receiver.delayMs) await new Promise((r) => setTimeout(r, receiver.delayMs));
            mails.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(receiver, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    async waitFor(count: number, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, received ${mails.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? "";
}
