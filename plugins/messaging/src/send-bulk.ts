import { defineStep } from "@temper/plugin-sdk";
import { deliver } from "./deliver.ts";
import { templateOrThrow, type MessagingConfig } from "./config.ts";
import type { SendBulkOutput, SendBulkParams } from "./generated/types.ts";
import { recipientOf } from "./recipient.ts";
import { render } from "./render.ts";
import { notConfigured, type MessagingSettings } from "./settings.ts";

const page = 200;

/**
 * `messaging.send_bulk`: sends a template to every contact a list query
 * finds (with the user's permissions), except those who opted out of the
 * channel or unsubscribed from marketing; each message is archived. Filter
 * values may name the record's fields (`"{{record.customer}}"`). A retry
 * skips the contacts already sent to. A workspace with no server for the
 * channel sends nothing and looks up no contact.
 *
 * @example
 * { "type": "messaging.send_bulk", "params": { "template": "price_update", "channel": "email", "filter": { "influence": "decision_maker" } } }
 */
export const sendBulkStep = defineStep<SendBulkParams, SendBulkOutput>({
  name: "send_bulk",
  description:
    "Sends a template by email or SMS to each contact a list filter finds, skipping those who opted out or unsubscribed; each message archived as an activity.",
  mode: "outbox",
  timeoutMs: 600_000,
  params: {
    type: "object",
    required: ["template", "channel", "filter"],
    properties: {
      template: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
      channel: { enum: ["email", "sms"] },
      filter: {
        type: "object",
        description:
          'The contact list\'s query parameters, e.g. { "customer": "{{record.customer}}", "influence.in": "decision_maker,influencer" }.',
        propertyNames: { not: { enum: ["sort", "limit", "cursor"] } },
        additionalProperties: { type: "string" },
      },
    },
    additionalProperties: false,
  },
  output: {
    type: "object",
    required: ["status", "sent", "optedOut", "noAddress"],
    properties: {
      status: { enum: ["done", "not_configured"] },
      reason: { type: "string", description: "Why nothing was sent, when not configured." },
      sent: { type: "integer" },
      optedOut: { type: "integer" },
      noAddress: { type: "integer" },
    },
    additionalProperties: false,
  },
  async run(ctx, params) {
    templateOrThrow(ctx.config as MessagingConfig, params.template, params.channel);
    const unconfigured = notConfigured(ctx.settings as MessagingSettings, params.channel);
    if (unconfigured) {
      ctx.timeline(`Did not send bulk ${params.channel} "${params.template}": ${unconfigured}`);
      return { status: "not_configured", reason: unconfigured, sent: 0, optedOut: 0, noAddress: 0 };
    }
    const filter = Object.fromEntries(
      Object.entries(params.filter).map(([key, value]) => [key, render(value ?? "", { record: ctx.record })]),
    );
    const counts = { sent: 0, optedOut: 0, noAddress: 0 };
    let after: string | undefined;
    for (;;) {
      const query = { ...filter, sort: "id", limit: String(page), ...(after ? { "id.gt": after } : {}) };
      const contacts = await ctx.records.list("contact", query);
      for (const contact of contacts) {
        const outcome = await deliver(ctx, {
          channel: params.channel,
          template: params.template,
          recipient: await recipientOf(ctx, "contact", contact),
          idempotencyKey: `${ctx.idempotencyKey}:${String(contact.id)}`,
          bulk: true,
        });
        if (outcome.status === "sent") counts.sent += 1;
        else if (outcome.status === "opted_out") counts.optedOut += 1;
        else counts.noAddress += 1;
      }
      if (contacts.length < page) break;
      after = String(contacts.at(-1)!.id);
    }
    ctx.timeline(
      `Bulk ${params.channel} "${params.template}": sent ${counts.sent}, ${counts.optedOut} opted out, ${counts.noAddress} without an address`,
    );
    return { status: "done", ...counts };
  },
});
