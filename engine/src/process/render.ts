/** A localized text of the definition: `{ "en": "…", "zh": "…" }`. */
export type Label = Record<string, string>;

/**
 * Renders a localized message in a locale (else English, else the first
 * given), replacing `{{record.field}}` with the field's display value.
 *
 * @example
 * renderMessage({ en: "Quote {{record.number}} expired" }, "en", (f) => ({ number: "Q-7" })[f]); // "Quote Q-7 expired"
 */
export function renderMessage(label: Label, locale: string, value: (field: string) => unknown): string {
  const text = label[locale] ?? label.en ?? Object.values(label)[0] ?? "";
  return text.replace(/\{\{\s*record\.([a-z][a-z0-9_]*)\s*\}\}/g, (_, field: string) => {
    const v = value(field);
    if (v === null || v === undefined || v === "") return "—";
    return Array.isArray(v) ? v.join(", ") : String(v);
  });
}
