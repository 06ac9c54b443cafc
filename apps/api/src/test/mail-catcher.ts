import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface CaughtMail {
  to: string[];
  subject: string;
  /** The plain-text part, decoded, lines ending in \n. */
  text: string;
  /** The HTML part, decoded. */
  html: string;
  receivedAt: number;
}

export interface MailCatcher {
  /** SMTP_URL for the API. */
  url: string;
  mails: CaughtMail[];
  /** Resolves with the first `count` mails `match` accepts, waiting up to `timeoutMs` for them. */
  waitFor(match: (mail: CaughtMail) => boolean, count?: number, timeoutMs?: number): Promise<CaughtMail[]>;
  /** While true, every message is refused with a temporary failure (an SMTP server having trouble). */
  refusing: boolean;
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  return Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

/** The decoded body of the part of `raw` with content type `type`. */
function part(raw: string, type: string): string {
  const start = raw.search(new RegExp(`Content-Type: ${type}`, "i"));
  if (start < 0) return "";
  const rest = raw.slice(start);
  const headersEnd = rest.search(/\r?\n\r?\n/);
  const headers = rest.slice(0, headersEnd);
  const body = rest.slice(headersEnd).replace(/^\r?\n\r?\n/, "");
  const end = body.search(/\r?\n--/);
  const content = end < 0 ? body : body.slice(0, end);
  if (/quoted-printable/i.test(headers)) return decodeQuotedPrintable(content);
  if (/base64/i.test(headers)) return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
  return content;
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

/** A real SMTP server on a free local port that keeps every message it accepts. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const catcher = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (catcher.refusing) {
          callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("latin1");
        const headers = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
        mails.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: decodeHeader(/^Subject: (.*)$/im.exec(headers)?.[1] ?? ""),
          text: part(raw, "text/plain").replace(/\r\n/g, "\n"),
          html: part(raw, "text/html").replace(/\r\n/g, "\n"),
          receivedAt: performance.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(catcher, {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(match: (mail: CaughtMail) => boolean, count = 1, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.filter(match);
        if (found.length >= count) return found.slice(0, count);
        if (Date.now() > deadline) {
          throw new Error(
            `Expected ${count} mail(s), got ${found.length}: ${mails.map((mail) => mail.subject).join("; ")}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
