import type { JsonSchema } from "@temper/plugin-sdk";
import type { MessagingSettings } from "./generated/types.ts";

export type { MessagingSettings };

/** The JSON Schema of a workspace's settings: its SMTP server, sender and SMS provider; `smtpPassword` is the secret. */
export const settingsSchema: JsonSchema = {
  type: "object",
  properties: {
    smtp: {
      type: "object",
      required: ["host", "port"],
      properties: {
        host: { type: "string", minLength: 1 },
        port: { type: "integer", minimum: 1, maximum: 65535 },
        secure: { type: "boolean", description: "TLS from the start (port 465); otherwise STARTTLS when offered." },
        user: { type: "string" },
      },
      additionalProperties: false,
    },
    smtpPassword: { type: "string" },
    from: { type: "string", minLength: 1, description: 'The sender, e.g. "Acme Sales <sales@acme.example>".' },
    sms: {
      type: "object",
      required: ["provider", "path"],
      properties: {
        provider: { enum: ["file"], description: "file: each message as a JSON line in `path` (development)." },
        path: { type: "string", minLength: 1 },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const where = "for this workspace (temper plugin settings messaging)";

/**
 * Why a workspace cannot send on a channel, or null: an email needs an SMTP
 * server and a sender, an SMS a provider. A workspace that has not set them
 * up (a fresh one, the demo) sends nothing on that channel, which is not a
 * failure to retry.
 *
 * @example
 * notConfigured({}, "email"); // "no SMTP server is configured for this workspace (temper plugin settings messaging)"
 */
export function notConfigured(settings: MessagingSettings, channel: "email" | "sms"): string | null {
  if (channel === "sms") return settings.sms ? null : `no SMS provider is configured ${where}`;
  if (!settings.smtp) return `no SMTP server is configured ${where}`;
  if (!settings.from) return `no sender (from) is configured ${where}`;
  return null;
}
