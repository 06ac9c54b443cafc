// Outgoing e-mail over SMTP (nodemailer): off unless SMTP_URL names a server.
import { createTransport } from "nodemailer";
import type { Logger } from "../operations/logger.ts";

export interface MailSettings {
  /** `smtp://user:pass@host:587`, `smtps://…`; absent: no e-mail is sent. */
  smtpUrl?: string;
  /** The From: of every message. */
  from: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Hands the message to the SMTP server; rejects when it does not take it (the job then retries). */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = "Engagement Tracker <alerts@engagement-tracker.invalid>";

/** A mailer for `settings`, or null when no SMTP server is configured (said once, here). */
export function createMailer(settings: MailSettings, logger: Logger): Mailer | null {
  if (!settings.smtpUrl) {
    logger.info("e-mail is off: set SMTP_URL to send alerts and digests by e-mail");
    return null;
  }
  const transport = createTransport(settings.smtpUrl, { from: settings.from });
  return {
    async send(message) {
      await transport.sendMail(message);
    },
    close: () => transport.close(),
  };
}
