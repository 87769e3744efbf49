import { definePlugin } from "@temper/plugin-sdk";
import { messagingConfig } from "./config.ts";
import { sendBulkStep } from "./send-bulk.ts";
import { sendEmailStep, sendSmsStep } from "./send.ts";
import { settingsSchema } from "./settings.ts";

export { checkMessagingConfig } from "./check.ts";
export { messagingConfig, type MessagingConfig, type Template } from "./config.ts";
export { sendBulkStep, sendEmailStep, sendSmsStep };
export type { SmsProvider } from "./sms.ts";
export type { MessagingSettings } from "./settings.ts";

/**
 * Temper's messaging plugin: templated email (SMTP) and SMS to contacts and
 * customers from a process, each message archived as an activity, opt-outs
 * honoured. The templates are part of the definition (`plugins/messaging.json`);
 * each workspace sets its SMTP server and SMS provider with
 * `temper plugin settings messaging`.
 *
 * @example
 * { "type": "messaging.send_email", "params": { "template": "quote_sent", "to": "contact" } }
 */
export default definePlugin({
  name: "messaging",
  version: "1.0.0",
  description: "Templated email and SMS to contacts and customers, archived as activities.",
  config: messagingConfig,
  settings: { schema: settingsSchema, secrets: ["smtpPassword"] },
  steps: [sendEmailStep, sendSmsStep, sendBulkStep],
});
