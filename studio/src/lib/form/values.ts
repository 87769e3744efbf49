import type { Widget } from "./widgets";

/** A form's values as the browser sends them: every value of each name, in order (`FormData.getAll`). */
export type RawValues = Record<string, string[]>;

/** What a form parser needs of a field: its name and how it is edited. */
export interface FieldInput {
  name: string;
  widget: Widget;
}

/** A reference typed as text rather than picked: its field and the text, for the server to look up. */
export type Unresolved = Record<string, string>;

/** The suffixes of a reference picker's extra inputs: the text shown, and the title that went with the id. */
export const titleSuffix = ":title";
export const labelSuffix = ":label";

/**
 * Reads a form's data into raw values: every value of each name.
 *
 * @example
 * rawOf(new FormData(form)); // { name: ["Hanwha"], product_lines: ["", "robotics"] }
 */
export function rawOf(data: FormData): RawValues {
  const raw: RawValues = {};
  for (const [name, value] of data) if (typeof value === "string") (raw[name] ??= []).push(value);
  return raw;
}

function wallClock(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * An instant as a `datetime-local` input shows it: the wall-clock time in a time zone.
 *
 * @example
 * localDateTime("2026-11-02T01:30:00Z", "Asia/Shanghai"); // "2026-11-02T09:30"
 */
export function localDateTime(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return "";
  const wall = new Date(wallClock(instant, zone));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/**
 * The instant a `datetime-local` value means in a time zone, as ISO 8601 UTC;
 * `undefined` when it is not a date and time.
 *
 * @example
 * instantOf("2026-11-02T09:30", "Asia/Shanghai"); // "2026-11-02T01:30:00.000Z"
 */
export function instantOf(local: string, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that wall time; a second pass settles a daylight-saving change.
  let instant = wall - (wallClock(wall, zone) - wall);
  instant = wall - (wallClock(instant, zone) - instant);
  return new Date(instant).toISOString();
}

function numberOf(text: string): number | string {
  const cleaned = text.replace(/[\s,_]/g, "");
  const value = Number(cleaned);
  return cleaned !== "" && Number.isFinite(value) ? value : text;
}

const last = (values: string[] | undefined) => values?.[values.length - 1] ?? "";

/**
 * The JSON input of a form's fields from its raw values: numbers as numbers
 * (text that is not one stays text, for the schema to refuse), date-times in
 * the app's time zone as instants, checkboxes as booleans and lists, empty
 * boxes as `null`. A field absent from the raw values (hidden, read-only) is
 * left out. A reference whose text was typed rather than picked is returned
 * apart, to be looked up by its title.
 *
 * @example
 * inputOf([{ name: "amount", widget: "money" }], { amount: ["1,200.50"] }, "Asia/Shanghai").input; // { amount: 1200.5 }
 */
export function inputOf(
  fields: FieldInput[],
  raw: RawValues,
  zone: string,
): { input: Record<string, unknown>; unresolved: Unresolved } {
  const input: Record<string, unknown> = {};
  const unresolved: Unresolved = {};
  for (const { name, widget } of fields) {
    const values = raw[name];
    if (values === undefined || widget === "display") continue;
    const text = last(values);
    const trimmed = text.trim();
    switch (widget) {
      case "checkbox":
        input[name] = text === "true";
        break;
      case "checkboxes":
      case "users": {
        const chosen = values.filter((v) => v !== "");
        input[name] = chosen.length > 0 ? [...new Set(chosen)] : null;
        break;
      }
      case "number":
      case "money":
      case "percent":
        input[name] = trimmed === "" ? null : numberOf(trimmed);
        break;
      case "datetime":
        input[name] = trimmed === "" ? null : (instantOf(trimmed, zone) ?? trimmed);
        break;
      case "textarea":
        input[name] = trimmed === "" ? null : text;
        break;
      case "reference": {
        const typed = raw[name + titleSuffix];
        // Without the picker's text box the value is the id itself.
        if (typed === undefined) input[name] = trimmed === "" ? null : trimmed;
        else if (last(typed).trim() === "") input[name] = null;
        else if (trimmed !== "" && last(typed).trim() === last(raw[name + labelSuffix]).trim()) input[name] = trimmed;
        else unresolved[name] = last(typed).trim();
        break;
      }
      default:
        input[name] = trimmed === "" ? null : trimmed;
    }
  }
  return { input, unresolved };
}

/**
 * A record's values as a form's raw values, the inverse of `inputOf`:
 * date-times in the app's time zone, checkboxes as a hidden `false` and the
 * box's `true`, a reference's title beside its id.
 *
 * @example
 * rawFromRecord([{ name: "customer", widget: "reference" }], { customer: "c-1" }, "UTC", new Map([["c-1", "Hanwha"]]));
 * // { customer: ["c-1"], "customer:title": ["Hanwha"], "customer:label": ["Hanwha"] }
 */
export function rawFromRecord(
  fields: FieldInput[],
  record: Record<string, unknown>,
  zone: string,
  titles: Map<string, string>,
): RawValues {
  const raw: RawValues = {};
  for (const { name, widget } of fields) {
    const value = record[name];
    const empty = value === null || value === undefined;
    switch (widget) {
      case "checkbox":
        raw[name] = value === true ? ["false", "true"] : ["false"];
        break;
      case "checkboxes":
      case "users":
        raw[name] = ["", ...(Array.isArray(value) ? value.map(String) : empty ? [] : [String(value)])];
        break;
      case "datetime":
        raw[name] = [empty ? "" : localDateTime(String(value), zone)];
        break;
      case "reference": {
        const title = empty ? "" : (titles.get(String(value)) ?? `#${String(value).slice(0, 8)}`);
        raw[name] = [empty ? "" : String(value)];
        raw[name + titleSuffix] = [title];
        raw[name + labelSuffix] = [title];
        break;
      }
      default:
        raw[name] = [empty ? "" : Array.isArray(value) ? value.join(", ") : String(value)];
    }
  }
  return raw;
}
