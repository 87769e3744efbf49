import type { RecordValues } from "@temper/plugin-sdk";
import type { LocalizedText } from "./settings.ts";

/** What a template may name: `{{record.number}}`, `{{contact.name}}`, `{{customer.name}}`. */
export type TemplateScope = Record<string, RecordValues | undefined>;

/**
 * Replaces each `{{scope.field}}` with the field's value (empty when the
 * field or the scope is missing): a template is data, never code.
 *
 * @example
 * render("Quote {{record.number}}", { record: { number: "Q-1" } }); // "Quote Q-1"
 */
export function render(text: string, scope: TemplateScope): string {
  return text.replace(/\{\{\s*([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\s*\}\}/gi, (_, name: string, field: string) => {
    const value = scope[name]?.[field];
    if (value === null || value === undefined) return "";
    return Array.isArray(value) ? value.join(", ") : String(value);
  });
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
