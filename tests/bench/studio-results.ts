// What the studio benchmark measures and how it reports it: its results' shapes and its tables.
import { type Latency, table } from "./stats.ts";

/** Bytes of one kind of response of a first load: how many, as sent (headers and encoded body) and uncompressed. */
export interface Sent {
  files: number;
  transferred: number;
  uncompressed: number;
  /** The content encodings seen ("br", "gzip", "identity"). */
  encodings: string[];
}

/** Where a page load's time went, in ms from the navigation's start (medians over the runs). */
export interface Breakdown {
  /** The first byte of the HTML: the studio's server side rendering the page, the API calls included. */
  firstByte: number;
  /** The last byte of the HTML. */
  html: number;
  /** The 50 rows in the document. */
  rows: number;
  /** The last JavaScript file received. */
  scripts: number;
  /** SvelteKit's client router started: the page hydrated. */
  hydrated: number;
  /** How long the page's main thread was busy until usable (Chromium's Performance metrics), ms: all its tasks, */
  mainThread: number;
  /** the part running JavaScript (compiling, the page's data, hydrating), */
  script: number;
  /** the part computing styles and layout. */
  layout: number;
}

/** The list page's figures for one user. */
export interface StudioUserResult {
  who: string;
  scope: "own" | "subtree" | "all";
  rows: number;
  /** First load in a fresh browser context (empty cache) until usable. */
  cold: Latency;
  /** A second load of the page in the same tab (the browser's cache filled) until usable. */
  warm: Latency;
  /** A click on the "Customer number" header until the re-sorted rows are shown, without a page load. */
  resort: Latency;
  /** The page's HTML alone (the server-side render), fetched outside the browser. */
  html: Latency;
  /** `GET /api/v1/records/customer?limit=50` with the user's token: the same rows, the API alone. */
  api: Latency;
  /** cold p50 / api p50. */
  ratio: number;
  breakdown: { cold: Breakdown; warm: Breakdown };
  /** What the first load downloads, by kind. */
  sent: { js: Sent; css: Sent; html: Sent; other: Sent };
}

export interface StudioResult {
  page: string;
  api: string;
  usable: string;
  /** The machine's 1-minute load average when the timed loads started and when they ended. */
  load: { before: number; after: number };
  users: StudioUserResult[];
}

/** What "usable" means here, as the table and results.json say it. */
export const usableMeans =
  "the table's rows are in the document and SvelteKit's client router has started (the page is hydrated: a click on a column header is handled in the page)";

/**
 * The studio benchmark's rows of the bench table: benchmark, figure, temper, baseline, ratio.
 *
 * @example
 * table([["benchmark", "", "temper", "baseline", "ratio"], ...studioRows(results, 1_000_000)]);
 */
export function studioRows(results: StudioResult, customers: number): string[][] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const rows: string[][] = [];
  const of = customers.toLocaleString("en");
  for (const u of results.users) {
    const pair = (name: string, value: Latency, withApi: boolean) => {
      const api = (p: "p50" | "p95") => (withApi ? [ms(u.api[p]), (value[p] / u.api[p]).toFixed(1)] : ["", ""]);
      rows.push([name, "p50", ms(value.p50), ...api("p50")]);
      rows.push(["", "p95", ms(value.p95), ...api("p95")]);
    };
    const who = `${u.who} (${u.scope}: ${u.rows.toLocaleString("en")})`;
    pair(`studio list page, 50 of ${of} customers, as ${who}: cold → usable, vs the API list call`, u.cold, true);
    pair(`  warm (a second load, cache filled) → usable`, u.warm, true);
    pair(`  the page's HTML alone (server-side render)`, u.html, true);
    pair(`  click a column header → re-sorted rows (in the page)`, u.resort, false);
  }
  return rows;
}

/**
 * The studio benchmark's second table: where a cold load's time goes
 * (medians from the navigation's start) and what a first load downloads,
 * per user; then what "usable" means and the machine's load.
 *
 * @example
 * console.log(studioDetails(results));
 */
export function studioDetails(results: StudioResult): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  const sent = (s: Sent) => `${kb(s.transferred)} (${kb(s.uncompressed)}, ${s.encodings.join("/")})`;
  const timeline = [
    [
      "studio list page: medians from navigation start",
      "first byte",
      "HTML",
      "50 rows",
      "last JS",
      "hydrated",
      "main thread busy",
      "of it JS",
      "style+layout",
    ],
  ];
  const sizes = [["studio list page, first load", "JS files", "JS sent (uncompressed)", "CSS sent", "HTML sent"]];
  for (const u of results.users) {
    for (const which of ["cold", "warm"] as const) {
      const b = u.breakdown[which];
      timeline.push([
        `${which}, as ${u.who}`,
        ms(b.firstByte),
        ms(b.html),
        ms(b.rows),
        ms(b.scripts),
        ms(b.hydrated),
        ms(b.mainThread),
        ms(b.script),
        ms(b.layout),
      ]);
    }
    const { js, css, html } = u.sent;
    sizes.push([`as ${u.who}`, String(js.files), sent(js), `${css.files} files, ${sent(css)}`, sent(html)]);
  }
  return [
    table(timeline),
    "",
    table(sizes),
    "",
    `usable = ${results.usable}`,
    `1-minute load average while the pages were timed: ${results.load.before} → ${results.load.after}`,
  ].join("\n");
}
