import type { StepRunContext } from "@temper/plugin-sdk";
import { archive, archivedOf } from "./archive.ts";
import { sendEmail } from "./email.ts";
import { addressOf, optedOut, type Recipient } from "./recipient.ts";
import { inLocale, render } from "./render.ts";
import { templateOrThrow, type MessagingSettings } from "./settings.ts";
import { smsProviderOrThrow } from "./sms.ts";

/** What became of one message. */
export type Outcome = { status: "sent"; activity: string } | { status: "opted_out" | "no_address"; reason: string };

/** One message to send: the template, the channel, who to, and the key that makes it happen once. */
export interface Message {
  channel: "email" | "sms";
  template: string;
  recipient: Recipient;
  idempotencyKey: string;
  /** A bulk (marketing) send also honours the contact's marketing unsubscribe. */
  bulk: boolean;
}

/**
 * Sends one templated message to one recipient and archives it as an
 * activity, unless the recipient opted out or has no address (the timeline
 * says so). A message already archived under its idempotency key is not sent
 * again. A refusal throws: the outbox retries.
 *
 * @example
 * await deliver(ctx, settings, { channel: "email", template: "quote_sent", recipient, idempotencyKey: ctx.idempotencyKey, bulk: false });
 */
export async function deliver(ctx: StepRunContext, settings: MessagingSettings, message: Message): Promise<Outcome> {
  const { channel, recipient } = message;
  const what = `${channel === "sms" ? "SMS" : "email"} "${message.template}" to ${String(recipient.record.name)}`;
  const reason = optedOut(recipient, channel, { bulk: message.bulk });
  if (reason) {
    ctx.timeline(`Did not send ${what}: ${reason}`);
    return { status: "opted_out", reason };
  }
  const address = addressOf(recipient, channel);
  if (!address) {
    const missing = `no ${channel === "sms" ? "mobile or phone number" : "email address"}`;
    ctx.timeline(`Did not send ${what}: ${missing}`);
    return { status: "no_address", reason: missing };
  }
  const done = await archivedOf(ctx, message.idempotencyKey);
  if (done) return { status: "sent", activity: String(done.id) };

  const locales = [recipient.record.locale as string | undefined, ctx.workspace.locale];
  const scope = { record: ctx.record, contact: recipient.contact, customer: recipient.customer };
  let subject: string;
  let body: string;
  let status: string;
  if (channel === "email") {
    const template = templateOrThrow(settings, message.template, "email");
    subject = render(inLocale(template.subject, locales), scope);
    body = render(inLocale(template.body, locales), scope);
    const sent = await sendEmail(
      settings,
      { to: address, subject, text: body, idempotencyKey: message.idempotencyKey },
      ctx.signal,
    );
    status = sent.response;
  } else {
    const template = templateOrThrow(settings, message.template, "sms");
    body = render(inLocale(template.body, locales), scope);
    subject = body.length > 60 ? `${body.slice(0, 59)}…` : body;
    const provider = smsProviderOrThrow(settings, ctx.now);
    status = (await provider.send({ to: address, body, idempotencyKey: message.idempotencyKey }, ctx.signal)).status;
  }
  const activity = await archive(ctx, {
    channel,
    recipient,
    address,
    subject,
    body,
    status,
    idempotencyKey: message.idempotencyKey,
  });
  ctx.timeline(`Sent ${what} <${address}>`);
  return { status: "sent", activity: String(activity.id) };
}
