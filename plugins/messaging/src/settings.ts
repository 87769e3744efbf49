import type { JsonSchema } from "@temper/plugin-sdk";
import type { MessagingSettings } from "./generated/types.ts";

export type { MessagingSettings };

/** A text in each locale the workspace writes in: `{ "en": "...", "zh": "...", "ko": "..." }`. */
export type LocalizedText = Record<string, string | undefined>;

/** A message template: an email (subject and body) and/or an SMS (body), each by locale. */
export type Template = NonNullable<NonNullable<MessagingSettings["templates"]>[string]>;

const localized: JsonSchema = { type: "object", minProperties: 1, additionalProperties: { type: "string" } };

/** The JSON Schema of the settings; `smtpPassword` is the secret. */
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
    templates: {
      type: "object",
      propertyNames: { pattern: "^[a-z][a-z0-9_]*$" },
      additionalProperties: {
        type: "object",
        minProperties: 1,
        properties: {
          email: {
            type: "object",
            required: ["subject", "body"],
            properties: { subject: localized, body: localized },
            additionalProperties: false,
          },
          sms: { type: "object", required: ["body"], properties: { body: localized }, additionalProperties: false },
        },
        additionalProperties: false,
      },
    },
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

/**
 * The template a step names, for a channel, or an error a consultant can act on.
 *
 * @example
 * const { subject, body } = templateOrThrow(settings, "quote_sent", "email");
 */
export function templateOrThrow<C extends "email" | "sms">(
  settings: MessagingSettings,
  name: string,
  channel: C,
): NonNullable<Template[C]> {
  const template = settings.templates?.[name]?.[channel];
  if (!template) throw new Error(`the messaging settings have no ${channel} template "${name}"`);
  return template as NonNullable<Template[C]>;
}
