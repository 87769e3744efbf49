import type { JsonSchema, PluginConfig } from "@temper/plugin-sdk";
import { checkMessagingConfig } from "./check.ts";
import type { MessagingConfig } from "./generated/types.ts";

export type { MessagingConfig };

/** A text in each locale the definition writes in: `{ "en": "...", "zh": "...", "ko": "..." }`. */
export type LocalizedText = Record<string, string | undefined>;

/** A message template: an email (subject and body) and/or an SMS (body), each by locale. */
export type Template = NonNullable<NonNullable<MessagingConfig["templates"]>[string]>;

const localized: JsonSchema = { type: "object", minProperties: 1, additionalProperties: { type: "string" } };

/** The JSON Schema of `plugins/messaging.json`: the message templates by name. */
export const configSchema: JsonSchema = {
  type: "object",
  properties: {
    templates: {
      type: "object",
      description:
        "Message templates by name, each an email (subject, body) and/or an SMS (body) by locale; placeholders `{{record.<field>}}`, `{{contact.<field>}}`, `{{customer.<field>}}`.",
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
  },
  additionalProperties: false,
};

/**
 * The messaging plugin's configuration in a definition (`plugins/messaging.json`):
 * its templates, checked against the schema and their placeholders against
 * the contact and customer entities.
 *
 * @example
 * definePlugin({ name: "messaging", config: messagingConfig, ... });
 */
export const messagingConfig: PluginConfig = {
  schema: configSchema,
  check: (config, definition) => checkMessagingConfig(config as MessagingConfig, definition),
};

/**
 * The template a step names, for a channel, or an error a consultant can act on.
 *
 * @example
 * const { subject, body } = templateOrThrow(ctx.config, "quote_sent", "email");
 */
export function templateOrThrow<C extends "email" | "sms">(
  config: MessagingConfig,
  name: string,
  channel: C,
): NonNullable<Template[C]> {
  const template = config.templates?.[name]?.[channel];
  if (!template)
    throw new Error(
      `the definition's plugins/messaging.json has no ${channel === "sms" ? "SMS" : channel} template "${name}"`,
    );
  return template as NonNullable<Template[C]>;
}
