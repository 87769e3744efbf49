import { definePlugin } from "@temper/plugin-sdk";
import { sendBulkStep } from "./send-bulk.ts";
import { sendEmailStep, sendSmsStep } from "./send.ts";
import { settingsSchema } from "./settings.ts";

export { sendBulkStep, sendEmailStep, sendSmsStep };
export type { SmsProvider } from "./sms.ts";
export type { MessagingSettings, Template } from "./settings.ts";

/**
 * Temper's messaging plugin: templated email (SMTP) and SMS to contacts and
 * customers from a process, each message archived as an activity, opt-outs
 * honoured. Configure it per workspace with `temper plugin settings messaging`.
 *
 * @example
 * { "type": "messaging.send_email", "params": { "template": "quote_sent", "to": "contact" } }
 */
export default definePlugin({
  name: "messaging",
  version: "1.0.0",
  description: "Templated email and SMS to contacts and customers, archived as activities.",
  settings: { schema: settingsSchema, secrets: ["smtpPassword"] },
  steps: [sendEmailStep, sendSmsStep, sendBulkStep],
});
