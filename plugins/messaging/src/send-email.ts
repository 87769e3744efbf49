import { defineStep } from "@temper/plugin-sdk";
import { deliver } from "./deliver.ts";
import type { SendEmailOutput, SendEmailParams } from "./generated/types.ts";
import { resolveRecipient } from "./recipient.ts";
import type { MessagingSettings } from "./settings.ts";
import { outcomeSchema, toSchema } from "./step-schemas.ts";

/**
 * `messaging.send_email`: emails a template, rendered with the record's
 * fields in the recipient's locale, to the record's contact or customer, and
 * archives it as an activity.
 *
 * @example
 * { "type": "messaging.send_email", "params": { "template": "quote_sent", "to": "contact" } }
 */
export const sendEmailStep = defineStep<SendEmailParams, SendEmailOutput>({
  name: "send_email",
  description:
    "Emails a template from the plugin's settings to the record's contact or customer over SMTP, archived as an activity; skips a contact who opted out of email.",
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
    const settings = ctx.settings as MessagingSettings;
    return deliver(ctx, settings, {
      channel: "email",
      template: params.template,
      recipient,
      idempotencyKey: ctx.idempotencyKey,
      bulk: false,
    });
  },
});
