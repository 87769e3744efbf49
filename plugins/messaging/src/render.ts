import type { RecordValues } from "@temper/plugin-sdk";
import type { LocalizedText } from "./config.ts";

/** What a template may name: `{{record.number}}`, `{{contact.name}}`, `{{customer.name}}`. */
export type TemplateScope = Record<string, RecordValues | undefined>;

const placeholder = /\{\{\s*([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\s*\}\}/gi;

/**
 * Replaces each `{{scope.field}}` with the field's value (empty when the
 * field or the scope is missing): a template is data, never code.
 *
 * @example
 * render("Quote {{record.number}}", { record: { number: "Q-1" } }); // "Quote Q-1"
 */
export function render(text: string, scope: TemplateScope): string {
  return text.replace(placeholder, (_, name: string, field: string) => {
    const value = scope[name]?.[field];
    if (value === null || value === undefined) return "";
    return Array.isArray(value) ? value.join(", ") : String(value);
  });
}

/**
 * The placeholders a text names, in order.
 *
 * @example
 * placeholdersOf("{{contact.name}}, quote {{record.number}}"); // [{ scope: "contact", field: "name" }, { scope: "record", field: "number" }]
 */
export function placeholdersOf(text: string): Array<{ scope: string; field: string }> {
  return [...text.matchAll(placeholder)].map(([, scope, field]) => ({ scope: scope!, field: field! }));
}

/**
 * The text in the recipient's locale, else the workspace's, else the first the template has.
 *
 * @example
 * inLocale({ en: "Hi", zh: "你好" }, ["ko", "zh"]); // "你好"
 */
export function inLocale(text: LocalizedText, locales: Array<string | undefined>): string {
  for (const locale of locales) {
    const found = locale ? text[locale] : undefined;
    if (found !== undefined) return found;
  }
  return Object.values(text).find((t) => t !== undefined) ?? "";
}
