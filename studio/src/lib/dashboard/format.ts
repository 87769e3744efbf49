import { fieldOf, valueType } from "../definition/fields";
import { formatInstant } from "../definition/display";
import type { Translate } from "../i18n";
import type { EntityDef, Interval, MeasureDef } from "../types";

/** How a measure's values read: counts, numbers, money in a currency, percents, or dates (the first or last of dates). */
export interface ValueFormat {
  style: "count" | "number" | "money" | "percent" | "date";
  currency?: string;
  scale?: number;
}

/**
 * How a measure of an entity reads: a count, or as its field's values do
 * (money in the field's currency, else the app's).
 *
 * @example
 * measureFormat({ aggregate: "sum", field: "amount" }, opportunity, "CNY"); // { style: "money", currency: "CNY", scale: 2 }
 */
export function measureFormat(measure: MeasureDef, entity: EntityDef, currency: string | undefined): ValueFormat {
  const field = measure.field ? fieldOf(entity, measure.field) : undefined;
  if (measure.aggregate === "count" || !field) return { style: "count" };
  const type = valueType(field);
  const scale = field.scale !== undefined ? { scale: field.scale } : {};
  if (type === "date" || type === "datetime") return { style: "date" };
  if (type === "money") {
    const code = field.currency ?? currency;
    return { style: "money", ...(code ? { currency: code } : {}), ...scale };
  }
  return { style: type === "percent" ? "percent" : "number", ...scale };
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function options(format: ValueFormat, compact: boolean): Intl.NumberFormatOptions {
  const brief: Intl.NumberFormatOptions = compact
    ? { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }
    : {};
  switch (format.style) {
    case "money":
      // Dashboards speak in whole amounts; the records keep the cents.
      return format.currency
        ? { style: "currency", currency: format.currency, maximumFractionDigits: 0, ...brief }
        : { maximumFractionDigits: 0, ...brief };
    case "percent":
      return { style: "percent", maximumFractionDigits: compact ? 0 : 1 };
    case "count":
      return { maximumFractionDigits: 0, ...brief };
    default:
      return { maximumFractionDigits: Math.min(format.scale ?? 2, 2), ...brief };
  }
}

/**
 * A measure's value in full, in a locale: money in its currency, percents,
 * dates; nothing for no value.
 *
 * @example
 * formatMeasure(1250000, { style: "money", currency: "CNY" }, "zh"); // "¥1,250,000"
 */
export function formatMeasure(value: unknown, format: ValueFormat, locale: string, timezone?: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (format.style === "date") {
    const text = String(value);
    return text.length > 10 ? formatInstant(text, locale, timezone) : formatDay(text, locale);
  }
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return numberFormat(locale, options(format, false)).format(format.style === "percent" ? n / 100 : n);
}

/**
 * A value short enough for an axis: 1.3M, 125万, 125만.
 *
 * @example
 * formatCompact(1250000, { style: "money", currency: "CNY" }, "zh"); // "¥125万"
 */
export function formatCompact(value: number, format: ValueFormat, locale: string): string {
  return numberFormat(locale, options(format, true)).format(format.style === "percent" ? value / 100 : value);
}

function formatDay(date: string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

/**
 * What a date group reads as: the day, the week (by its Monday), the month,
 * the quarter or the year, in the user's language.
 *
 * @example
 * bucketLabel("2026-10-01", "quarter", "zh", t); // "2026年第4季度"
 * bucketLabel("2026-11-01", "month", "ko", t); // "2026년 11월"
 */
export function bucketLabel(date: string, interval: Interval | undefined, locale: string, t: Translate): string {
  const [year, month] = date.split("-").map(Number);
  switch (interval) {
    case "week":
      return t("dashboard.weekOf", { date: formatDay(date, locale, { month: "short", day: "numeric" }) });
    case "month":
      return formatDay(date, locale, { year: "numeric", month: "short" });
    case "quarter":
      return t("dashboard.quarter", { year: year!, quarter: Math.floor((month! - 1) / 3) + 1 });
    case "year":
      return formatDay(date, locale, { year: "numeric" });
    case "day":
      return formatDay(date, locale, { month: "short", day: "numeric", weekday: "short" });
    default:
      return formatDay(date, locale);
  }
}

/**
 * The days of a period as a person reads them: "Nov 1 – 30, 2026", "2026年11月1日至30日"; open ends as "Since …", "Until …".
 *
 * @example
 * formatRange({ from: "2026-10-01", to: "2026-12-31" }, "en", t); // "Oct 1 – Dec 31, 2026"
 */
export function formatRange(range: { from?: string; to?: string }, locale: string, t: Translate): string {
  const format = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const instant = (date: string) => {
    const [y, m, d] = date.split("-").map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  if (range.from && range.to) return format.formatRange(instant(range.from), instant(range.to));
  if (range.from) return t("dashboard.since", { date: format.format(instant(range.from)) });
  if (range.to) return t("dashboard.until", { date: format.format(instant(range.to)) });
  return "";
}
