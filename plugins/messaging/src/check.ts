import type { DefinitionSummary } from "@temper/plugin-sdk";
import type { MessagingConfig } from "./generated/types.ts";
import { placeholdersOf } from "./render.ts";

/** One problem with a configuration, at its JSON pointer in `plugins/messaging.json`. */
export interface Problem {
  pointer: string;
  message: string;
}

/** The fields every record has besides its entity's own. */
const systemFields = new Set(["id", "owner", "created_at", "created_by", "updated_at", "updated_by", "version"]);

const escape = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Checks the templates' placeholders: each names `record`, `contact` or
 * `customer`, and a `contact` or `customer` placeholder a field of that
 * entity (a `record` placeholder depends on the process's entity, so it is
 * not checked).
 *
 * @example
 * checkMessagingConfig({ templates: { quote_sent: { sms: { body: { en: "Hi {{contact.nme}}" } } } } }, summary);
 * // [{ pointer: "/templates/quote_sent/sms/body/en", message: '{{contact.nme}}: the contact entity has no field "nme"' }]
 */
export function checkMessagingConfig(config: MessagingConfig, definition: DefinitionSummary): Problem[] {
  const problems: Problem[] = [];
  for (const [name, template] of Object.entries(config.templates ?? {}))
    for (const [channel, parts] of Object.entries(template ?? {}))
      for (const [part, texts] of Object.entries(parts ?? {}))
        for (const [locale, text] of Object.entries(texts ?? {})) {
          const pointer = `/templates/${name}/${channel}/${part}/${escape(locale)}`;
          for (const { scope, field } of placeholdersOf(text ?? "")) {
            const message = placeholderProblem(scope, field, definition);
            if (message) problems.push({ pointer, message: `{{${scope}.${field}}}: ${message}` });
          }
        }
  return problems;
}

function placeholderProblem(scope: string, field: string, definition: DefinitionSummary): string | null {
  if (scope === "record") return null;
  if (scope !== "contact" && scope !== "customer") return "a placeholder names record, contact or customer";
  const entity = definition.entities[scope];
  if (!entity) return `the definition has no ${scope} entity`;
  if (!Object.hasOwn(entity.fields, field) && !systemFields.has(field))
    return `the ${scope} entity has no field "${field}"`;
  return null;
}
