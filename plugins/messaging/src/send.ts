import { defineStep } from "@temper/plugin-sdk";
import { templateOrThrow, type MessagingConfig } from "./config.ts";
import { deliver, type Outcome } from "./deliver.ts";
import type { SendEmailParams, SendSmsParams } from "./generated/types.ts";
import { resolveRecipient } from "./recipient.ts";
import { outcomeSchema, toSchema } from "./step-schemas.ts";

/** A step that sends one template on one channel to the record's contact or customer. */
function sendStep<Params extends SendEmailParams | SendSmsParams>(
  channel: "email" | "sms",
  name: string,
  description: string,
) {
  return defineStep<Params, Outcome>({
    name,
    description,
    mode: "outbox",
    params: {
      type: "object",
      required: ["template", "to"],
      properties: { template: { type: "string", pattern: "^[a-z][a-z0-9_]*$" }, ...toSchema },
      additionalProperties: false,
    },
    output: outcomeSchema,
    async run(ctx, params) {
      const recipient = await resolveRecipient(ctx, params.to, params.recipient);
      if (!recipient) {
        // Nobody to send to is a fact of the record, not a failure: a retry would find the same record.
        templateOrThrow(ctx.config as MessagingConfig, params.template, channel);
        const reason = `the ${ctx.entity} has no ${params.to}`;
        ctx.timeline(`Did not send ${channel === "sms" ? "SMS" : "email"} "${params.template}": ${reason}`);
        return { status: "no_recipient", reason };
      }
      return deliver(ctx, {
        channel,
        template: params.template,
        recipient,
        idempotencyKey: ctx.idempotencyKey,
        bulk: false,
      });
    },
  });
}

/**
 * `messaging.send_email`: emails a template, rendered with the record's
 * fields in the recipient's locale, to the record's contact or customer, and
 * archives it as an activity.
 *
 * @example
 * { "type": "messaging.send_email", "params": { "template": "quote_sent", "to": "contact" } }
 */
export const sendEmailStep = sendStep<SendEmailParams>(
  "email",
  "send_email",
  "Emails a template of the definition's plugins/messaging.json to the record's contact or customer over the workspace's SMTP server, archived as an activity; skips a contact who opted out of email, and sends nothing when the workspace has no SMTP server.",
);

/**
 * `messaging.send_sms`: texts a template to the record's contact or
 * customer through the workspace's SMS provider, archived as an activity.
 *
 * @example
 * { "type": "messaging.send_sms", "params": { "template": "visit_reminder", "to": "contact" } }
 */
export const sendSmsStep = sendStep<SendSmsParams>(
  "sms",
  "send_sms",
  "Texts a template of the definition's plugins/messaging.json to the record's contact or customer through the workspace's SMS provider, archived as an activity; skips a contact who opted out of SMS, and sends nothing when the workspace has no SMS provider.",
);
