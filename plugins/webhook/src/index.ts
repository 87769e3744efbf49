import { definePlugin } from "@temper/plugin-sdk";
import { post } from "./post.ts";
import { webhookSettings } from "./settings.ts";

export { post, type PostParams, type WebhookBody } from "./post.ts";
export { targetOrThrow, webhookSettings, type WebhookTarget } from "./settings.ts";
export { signatureOf, verifySignature } from "./signature.ts";

/**
 * The webhook plugin: `webhook.post` tells another system what happened to a
 * record, signed, after the transition commits, retried from the outbox.
 * Enable it with `"plugins": ["webhook"]` in app.json and set its url and
 * secret with `PUT /api/v1/plugins/webhook/settings`.
 *
 * @example
 * "actions": [{ "type": "webhook.post", "params": { "event": "quote.accepted" } }]
 */
export default definePlugin({
  name: "webhook",
  version: "1.0.0",
  description: "Tells other systems what happened, as signed JSON POSTs retried from the outbox.",
  settings: webhookSettings,
  steps: [post],
});
