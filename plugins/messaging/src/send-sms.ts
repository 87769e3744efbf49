import { defineStep } from "@temper/plugin-sdk";
import { deliver } from "./deliver.ts";
import type { SendSmsOutput, SendSmsParams } from "./generated/types.ts";
import { resolveRecipient } from "./recipient.ts";
import type { MessagingSettings } from "./settings.ts";
import { outcomeSchema, toSchema } from "./step-schemas.ts";

/**
 * `messaging.send_sms`: texts a template to the record's contact or
 * customer through the workspace's SMS provider, archived as an activity.
 *
 * @example
 * { "type": "messaging.send_sms", "params": { "template": "visit_reminder", "to": "contact" } }
 */
export const sendSmsStep = defineStep<SendSmsParams, SendSmsOutput>({
  name: "send_sms",
  description:
    "Texts a template from the plugin's settings to the record's contact or customer through the SMS provider, archived as an activity; skips a contact who opted out of SMS.",
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
    return deliver(ctx, ctx.settings as MessagingSettings, {
      channel: "sms",
      template: params.template,
      recipient,
      idempotencyKey: ctx.idempotencyKey,
      bulk: false,
    });
  },
});
