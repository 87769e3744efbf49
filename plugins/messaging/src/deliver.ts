import type { StepRunContext } from "@temper/plugin-sdk";
import { archive, archivedOf } from "./archive.ts";
import { templateOrThrow, type MessagingConfig } from "./config.ts";
import { sendEmail } from "./email.ts";
import { addressOf, optedOut, type Recipient } from "./recipient.ts";
import { inLocale, render } from "./render.ts";
import { notConfigured, type MessagingSettings } from "./settings.ts";
import { smsProviderOrThrow } from "./sms.ts";

/** What became of one message. */
export type Outcome =
  | { status: "sent"; activity: string }
  | { status: "not_configured" | "no_recipient" | "opted_out" | "no_address"; reason: string };

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
 * Sends one message, a template of the definition's `plugins/messaging.json`,
 * to one recipient over the workspace's server and archives it as an
 * activity, unless the workspace has no server for the channel, the
 * recipient opted out or has no address (the timeline says so). A message
 * already archived under its idempotency key is not sent again. A refusal,
 * and a template the definition lacks, throw: the outbox retries.
 *
 * @example
 * await deliver(ctx, { channel: "email", template: "quote_sent", recipient, idempotencyKey: ctx.idempotencyKey, bulk: false });
 */
export async function deliver(ctx: StepRunContext, message: Message): Promise<Outcome> {
  const { channel, recipient } = message;
  const settings = ctx.settings as MessagingSettings;
  const template = templateOrThrow(ctx.config as MessagingConfig, message.template, channel);
  const what = `${channel === "sms" ? "SMS" : "email"} "${message.template}" to ${String(recipient.record.name)}`;
  const skipped = (status: "not_configured" | "opted_out" | "no_address", reason: string): Outcome => {
    ctx.timeline(`Did not send ${what}: ${reason}`);
    return { status, reason };
  };
  const unconfigured = notConfigured(settings, channel);
  if (unconfigured) return skipped("not_configured", unconfigured);
  const reason = optedOut(recipient, channel, { bulk: message.bulk });
  if (reason) return skipped("opted_out", reason);
  const address = addressOf(recipient, channel);
  if (!address) return skipped("no_address", `no ${channel === "sms" ? "mobile or phone number" : "email address"}`);
  const done = await archivedOf(ctx, message.idempotencyKey);
  if (done) return { status: "sent", activity: String(done.id) };

  const locales = [recipient.record.locale as string | undefined, ctx.workspace.locale];
  const scope = { record: ctx.record, contact: recipient.contact, customer: recipient.customer };
  const body = render(inLocale(template.body, locales), scope);
  let subject: string;
  let status: string;
  if ("subject" in template) {
    subject = render(inLocale(template.subject, locales), scope);
    const sent = await sendEmail(
      settings,
      { to: address, subject, text: body, idempotencyKey: message.idempotencyKey },
      ctx.signal,
    );
    status = sent.response;
  } else {
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
