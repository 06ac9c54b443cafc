// What an admin is e-mailed when an endpoint was disabled after failing for the whole retry window.
import { escapeHtml } from "../alerts/alert-mail.ts";
import type { MailMessage } from "../mail/mailer.ts";

export function endpointDisabledMail(url: string, reason: string, dashboardUrl: string): Omit<MailMessage, "to"> {
  const page = `${dashboardUrl.replace(/\/+$/, "")}/admin/webhooks`;
  const sentence = `The webhook endpoint ${url} is disabled: nothing more is sent to it. ${reason}`;
  return {
    subject: `Webhook endpoint disabled: ${url}`,
    text: `${sentence}\n\nEnable it again once the receiver works, and redeliver what it missed: ${page}\n`,
    html: `<p>${escapeHtml(sentence)}</p><p>Enable it again once the receiver works, and redeliver what it missed: <a href="${escapeHtml(page)}">webhooks</a>.</p>`,
  };
}
