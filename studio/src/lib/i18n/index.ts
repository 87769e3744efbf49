import { en, type MessageKey, type Messages } from "./en";
import { ko } from "./ko";
import { zh } from "./zh";

export type { MessageKey, Messages };

/** Catalogues by locale; a catalogue may leave keys out, which then fall back to English. */
export type Catalogues = Record<string, Partial<Messages>>;

const catalogues: Catalogues = { en, zh, ko };

/** The locales the studio's own strings are written in; English is the fallback. */
export const studioLocales = ["en", "zh", "ko"] as const;

/** Fills a message or `Translate` parameters: `{name}` takes `params.name`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const language = (locale: string) => locale.toLowerCase().split("-")[0]!;

/**
 * A translator for a locale: the locale's catalogue, then its language's
 * (`pt` for `pt-BR`), then English.
 *
 * @example
 * translator("ko")("list.page", { page: 2 }); // "2페이지"
 */
export function translator(locale: string, from: Catalogues = catalogues): Translate {
  const chain = [from[locale], from[language(locale)], from.en ?? en].filter(Boolean) as Partial<Messages>[];
  return (key, params) => {
    const message = chain.map((c) => c[key]).find((m) => m !== undefined) ?? key;
    return params ? message.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : message;
  };
}

/**
 * A definition's localized text in a locale: the locale, its language, then
 * the fallbacks in order (the app's locales), then any text there is.
 *
 * @example
 * labelOf({ en: "Customer", zh: "客户" }, "ko", ["en", "zh", "ko"]); // "Customer"
 */
export function labelOf(label: Record<string, string> | undefined, locale: string, fallbacks: readonly string[] = []) {
  if (!label) return "";
  for (const candidate of [locale, language(locale), ...fallbacks, "en"]) {
    const text = label[candidate];
    if (text) return text;
  }
  return Object.values(label)[0] ?? "";
}

/** The language tags of an Accept-Language header, most wanted first (`q=0` left out). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

function match(available: readonly string[], wanted: string | null | undefined): string | undefined {
  if (!wanted) return undefined;
  const exact = available.find((a) => a.toLowerCase() === wanted.toLowerCase());
  return exact ?? available.find((a) => language(a) === language(wanted));
}

/**
 * The locale to show: the one chosen in the language switch (a cookie), else
 * the browser's preference (Accept-Language), else the first available one.
 *
 * @example
 * pickLocale(["en", "zh", "ko"], { cookie: undefined, acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8" }); // "zh"
 */
export function pickLocale(
  available: readonly string[],
  sources: { cookie?: string | null | undefined; acceptLanguage?: string | null | undefined },
): string {
  const chosen = match(available, sources.cookie);
  if (chosen) return chosen;
  for (const tag of acceptedLanguages(sources.acceptLanguage)) {
    const found = match(available, tag);
    if (found) return found;
  }
  return available[0] ?? "en";
}

const ownNames: Record<string, string> = { en: "English", zh: "中文", ko: "한국어" };

/**
 * A language's name in that language, for the language switch.
 *
 * @example
 * languageName("ko"); // "한국어"
 */
export function languageName(locale: string): string {
  if (ownNames[locale]) return ownNames[locale];
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
