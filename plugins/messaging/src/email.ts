import nodemailer from "nodemailer";
import type { MessagingSettings } from "./settings.ts";

/** An email ready to go. */
export interface Email {
  to: string;
  subject: string;
  text: string;
  idempotencyKey: string;
}

/** What the SMTP server said when it accepted the message. */
export interface Delivery {
  messageId: string;
  response: string;
}

/**
 * Sends an email over SMTP with the workspace's settings. The idempotency
 * key travels as `X-Temper-Idempotency-Key` and in the Message-ID, so a
 * retried send is recognisable downstream. A refusal throws.
 *
 * @example
 * await sendEmail(settings, { to: "kim@doosan.example", subject: "Your quote", text: "...", idempotencyKey: ctx.idempotencyKey }, ctx.signal);
 */
export async function sendEmail(settings: MessagingSettings, email: Email, signal: AbortSignal): Promise<Delivery> {
  const { smtp, from } = settings;
  if (!smtp || !from) throw new Error("the messaging settings have no smtp server or from address");
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    auth: smtp.user ? { user: smtp.user, pass: settings.smtpPassword ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const abort = () => transport.close();
  signal.addEventListener("abort", abort);
  try {
    const info = await transport.sendMail({
      from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: `<${email.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, "-")}@temper.invalid>`,
      headers: { "X-Temper-Idempotency-Key": email.idempotencyKey },
    });
    if (info.rejected.length > 0) throw new Error(`the SMTP server refused ${email.to}: ${info.response}`);
    return { messageId: info.messageId, response: info.response };
  } finally {
    signal.removeEventListener("abort", abort);
    transport.close();
  }
}
