/**
 * A label as it reads inside a sentence: English writes common nouns in
 * lower case ("this opportunity"), keeping acronyms ("CRM"); other
 * languages keep the label as it is.
 *
 * @example
 * inSentence("Opportunity", "en"); // "opportunity"
 * inSentence("SLA breach", "en"); // "SLA breach"
 * inSentence("商机", "zh"); // "商机"
 */
export function inSentence(label: string, locale: string): string {
  if (!/^en\b/i.test(locale)) return label;
  const [first = ""] = label.split(/\s/);
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
