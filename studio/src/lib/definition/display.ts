import type { Translate } from "../i18n";
import { labelOf } from "../i18n";
import type { FieldDef } from "../types";
import { valueType } from "./fields";

/** What a cell shows: its text, and where it leads, if anywhere. */
export interface Cell {
  text: string;
  href?: string;
  /** Text standing in for a value the user may not see. */
  muted?: boolean;
}

/** What formatting a value needs besides the value: the locale, the app's settings, names of people and records. */
export interface DisplayContext {
  locale: string;
  /** The app's locales, in order: where a label lacks the locale. */
  fallbacks: string[];
  timezone?: string | undefined;
  currency?: string | undefined;
  t: Translate;
  /** People's names by user id. */
  people: Map<string, string>;
  /** Referenced records' titles and pages by id; `null` for a record the user may not read. */
  titles: Map<string, Cell | null>;
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

function timeZoneOf(zone: string | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

function number(value: number, field: FieldDef, ctx: DisplayContext): string {
  const type = valueType(field);
  const scale = field.scale;
  if (type === "money") {
    const currency = field.currency ?? ctx.currency;
    const digits = { minimumFractionDigits: scale ?? 2, maximumFractionDigits: scale ?? 2 };
    const key = `money:${ctx.locale}:${currency ?? ""}:${scale ?? ""}`;
    return cached(key, () =>
      currency
        ? new Intl.NumberFormat(ctx.locale, { style: "currency", currency, ...digits })
        : new Intl.NumberFormat(ctx.locale, digits),
    ).format(value);
  }
  if (type === "percent")
    return cached(
      `percent:${ctx.locale}:${scale ?? ""}`,
      () => new Intl.NumberFormat(ctx.locale, { style: "percent", maximumFractionDigits: scale ?? 2 }),
    ).format(value / 100);
  return cached(
    `number:${ctx.locale}:${scale ?? ""}`,
    () => new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: scale ?? 6 }),
  ).format(value);
}

function date(value: string, ctx: DisplayContext): string {
  const [y, m, d] = value.split("-").map(Number);
  if (!y || !m || !d) return value;
  const format = cached(
    `date:${ctx.locale}`,
    () => new Intl.DateTimeFormat(ctx.locale, { dateStyle: "medium", timeZone: "UTC" }),
  );
  return format.format(Date.UTC(y, m - 1, d));
}

/**
 * An instant in a locale, in a time zone (the app's; UTC when none or unknown).
 *
 * @example
 * formatInstant("2026-11-02T01:30:00Z", "en", "Asia/Shanghai"); // "Nov 2, 2026, 9:30 AM"
 */
export function formatInstant(value: string, locale: string, timezone: string | undefined): string {
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return value;
  const zone = timeZoneOf(timezone);
  const format = cached(
    `datetime:${locale}:${zone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }),
  );
  return format.format(instant);
}

/** Several values in one cell: "A, B", or "A、B" in Chinese and Japanese. */
function list(texts: string[], ctx: DisplayContext): string {
  return texts.join(/^(zh|ja)\b/i.test(ctx.locale) ? "、" : ", ");
}

const shortId = (id: string) => `#${id.slice(0, 8)}`;

function webLink(value: string): string | undefined {
  return /^https?:\/\//i.test(value) ? value : undefined;
}

/**
 * A field's value as a person reads it, in their locale: option labels,
 * people's names, referenced records' titles, money in its currency, dates
 * in the app's time zone.
 *
 * @example
 * displayValue(amountField, 1250000, ctx); // { text: "CN¥1,250,000.00" }
 */
export function displayValue(field: FieldDef, value: unknown, ctx: DisplayContext): Cell {
  if (value === null || value === undefined || value === "") return { text: "" };
  const type = valueType(field);
  switch (type) {
    case "number":
    case "money":
    case "percent":
      return { text: typeof value === "number" ? number(value, field, ctx) : String(value) };
    case "date":
      return { text: date(String(value), ctx) };
    case "datetime":
      return { text: formatInstant(String(value), ctx.locale, ctx.timezone) };
    case "boolean":
      return { text: ctx.t(value === true ? "value.yes" : "value.no") };
    case "enum": {
      const option = field.options?.find((o) => o.value === value);
      return { text: option ? labelOf(option.label, ctx.locale, ctx.fallbacks) : String(value) };
    }
    case "multi_enum": {
      const values = Array.isArray(value) ? value : [value];
      const labels = values.map((v) => {
        const option = field.options?.find((o) => o.value === v);
        return option ? labelOf(option.label, ctx.locale, ctx.fallbacks) : String(v);
      });
      return { text: list(labels, ctx) };
    }
    case "user": {
      const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
      return {
        text: list(
          ids.map((id) => ctx.people.get(id) ?? shortId(id)),
          ctx,
        ),
      };
    }
    case "reference": {
      const id = String(value);
      const title = ctx.titles.get(id);
      if (title === null) return { text: ctx.t("value.restricted"), muted: true };
      return title ?? { text: shortId(id) };
    }
    case "attachment": {
      const files = (Array.isArray(value) ? value : [value]) as Array<{ name?: string }>;
      if (files.length > 3) return { text: ctx.t("value.files", { count: files.length }) };
      return {
        text: list(
          files.map((f) => f.name ?? ""),
          ctx,
        ),
      };
    }
    case "email":
      return { text: String(value), href: `mailto:${String(value)}` };
    case "phone":
      return { text: String(value), href: `tel:${String(value).replace(/[^\d+]/g, "")}` };
    case "url": {
      const href = webLink(String(value));
      return href ? { text: String(value), href } : { text: String(value) };
    }
    default:
      return { text: String(value) };
  }
}
