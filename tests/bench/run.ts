// pnpm bench: the benchmarks of the records service, the process runtime and
// the studio on their own PostgreSQL (an embedded server in a temporary
// TEMPER_HOME, or DATABASE_URL's), in a fresh database that is dropped at the
// end (lists, a sales manager's list scoped to their org subtree, import;
// events, planning, timers; the studio's list page in Chromium). Prints a
// table and writes bench/results.json. BENCH_ONLY=records, processes or studio
// runs one part (processes alone seed no customers; records and studio share
// one seeding). The studio part serves the seeded database with `temper serve`
// (API, studio build, workers; the studio is built first when missing or
// stale) on 127.0.0.1 and a free port, and loads the list page of 50 customers
// in Debian's Chromium (CHROMIUM_PATH for another) as a sales rep (own), a
// sales manager (org subtree) and an executive (all): cold (a fresh browser
// context) and warm (a second load in the same context) until usable (the 50
// rows in the document and SvelteKit's client router started, i.e. hydrated),
// then a click on a column header, beside the page's HTML alone and the API's
// `GET /api/v1/records/customer?limit=50` for the same user; with the bytes of
// JavaScript, CSS and HTML of a first load. Sizes: BENCH_CUSTOMERS
// (1,000,000), BENCH_IMPORT_ROWS (100,000), BENCH_RUNS (200 per list),
// BENCH_EVENTS (2,000 per concurrency and path), BENCH_TRANSITIONS (50,000),
// BENCH_TIMERS (10,000 per run), BENCH_STUDIO_RUNS (20 page loads per user).
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDefinitionFolder } from "../../engine/src/definitions/index.ts";
import { installPlugins, pluginsOfFolder } from "../../engine/src/plugins/install.ts";
import { type Actor, recordService } from "../../engine/src/records/service.ts";
import { type Database, resolveDatabase } from "../../engine/src/storage/connection.ts";
import { withConnection, withDatabase } from "../../engine/src/storage/embedded/index.ts";
import { openStorage, type Storage } from "../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../engine/src/storage/publish.ts";
import { createTestHome, removeTestHome } from "../../engine/src/storage/test-server.ts";
import { currentVersion } from "../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../engine/src/storage/workspaces.ts";
import { benchImport, writeCustomersCsv } from "./import.ts";
import { benchLists, listCases } from "./list.ts";
import { benchProcesses, processRows } from "./processes.ts";
import { type Seeded, seedCustomers } from "./seed.ts";
import { round, table } from "./stats.ts";
import { benchStudio } from "./studio.ts";
import { studioDetails, studioRows } from "./studio-results.ts";
import { buildTeam, type Team } from "./team.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const size = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const sizes = {
  customers: size("BENCH_CUSTOMERS", 1_000_000),
  importRows: size("BENCH_IMPORT_ROWS", 100_000),
  runs: size("BENCH_RUNS", 200),
  events: size("BENCH_EVENTS", 2_000),
  transitions: size("BENCH_TRANSITIONS", 50_000),
  timers: size("BENCH_TIMERS", 10_000),
  studioRuns: size("BENCH_STUDIO_RUNS", 20),
};
const parts = ["records", "processes", "studio"] as const;
const only = process.env.BENCH_ONLY;
if (only !== undefined && !parts.includes(only as never))
  throw new Error(`BENCH_ONLY must be one of ${parts.join(", ")}`);
const runs = (part: (typeof parts)[number]) => only === undefined || only === part;
const log = (message: string) => console.error(`[bench] ${message}`);

const crm = join(root, "definitions/examples/crm");
// The reference CRM enables plugins: their steps are part of the engine that publishes and runs it.
await installPlugins(await pluginsOfFolder(crm));

async function workspace(storage: Storage, id: string) {
  await createWorkspace(storage, id);
  const { texts } = await readDefinitionFolder(crm);
  await publishDefinition(storage, { workspaceId: id, texts, publishedBy: "cli:bench" });
  const definition = (await currentVersion(storage, id))!.definition;
  const [system] = await storage.sql<[{ id: string }]>`select id from temper.users
    where workspace_id = ${id} and username = 'system'`;
  const actor: Actor = { id: system.id, username: "system", roles: [], system: true };
  const context = { workspaceId: id, schema: `ws_${id}`, definition };
  return { definition, actor, schema: context.schema, records: recordService(storage, context) };
}

const name = `bench_${randomBytes(4).toString("hex")}`;
const dropDatabase = (database: Database) =>
  withConnection(database.url, (sql) => sql`drop database if exists ${sql(name)} with (force)`).catch(() => {});

/** The customers the lists and the studio read: the "bench" workspace, seeded, with a sales team. */
async function seedBench(storage: Storage) {
  const lists = await workspace(storage, "bench");
  log(`seeding ${sizes.customers.toLocaleString("en")} customers with SQL`);
  const start = performance.now();
  const seeded = await seedCustomers(storage, "bench", sizes.customers);
  const seedMs = performance.now() - start;
  const team = await buildTeam(storage, "bench", seeded, 0.1);
  log(`seeded in ${round(seedMs / 1000)} s; a sales team owns ${(team.share * 100).toFixed(1)}%`);
  return { lists, seeded, team, seedSeconds: round(seedMs / 1000) };
}

async function benchRecords(
  storage: Storage,
  work: string,
  bench: { lists: Awaited<ReturnType<typeof workspace>>; seeded: Seeded; team: Team },
) {
  const { lists, seeded, team } = bench;
  log(`listing ${sizes.runs} times per list`);
  const cases = listCases(seeded, lists.schema, team);
  const listResults = await benchLists(lists.records, lists.actor, storage.sql, cases, sizes.runs);
  const imports = await workspace(storage, "bench_import");
  const file = join(work, "customers.csv");
  await writeCustomersCsv(file, sizes.importRows);
  log(`importing ${sizes.importRows.toLocaleString("en")} rows, then COPY, then again by key`);
  const importResult = await benchImport(
    storage,
    imports.records,
    imports.definition,
    imports.actor,
    imports.schema,
    file,
    sizes.importRows,
  );
  return { lists: listResults, import: importResult };
}

async function run(database: Database, work: string) {
  await withConnection(database.url, (sql) => sql`create database ${sql(name)}`);
  const url = withDatabase(database.url, name);
  const storage = await openStorage(url, { max: 4 });
  try {
    const [{ version }] = await storage.sql<[{ version: string }]>`select current_setting('server_version') as version`;
    const bench = runs("records") || runs("studio") ? await seedBench(storage) : undefined;
    const team = bench && {
      reps: bench.team.members.length - 1,
      rows: bench.team.rows,
      share: round(bench.team.share),
    };
    const records = runs("records") ? await benchRecords(storage, work, bench!) : undefined;
    const studio = runs("studio")
      ? await benchStudio({
          databaseUrl: url,
          storage,
          workspaceId: "bench",
          team: bench!.team,
          work,
          runs: sizes.studioRuns,
          log,
        })
      : undefined;
    const processes = runs("processes") ? await benchProcesses(url, sizes, log) : undefined;
    return { postgres: version, seedSeconds: bench?.seedSeconds, team, records, studio, processes };
  } finally {
    await storage.close();
    await dropDatabase(database);
  }
}

function recordRows(results: Awaited<ReturnType<typeof benchRecords>>): string[][] {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const perSecond = (value: number) => `${value.toLocaleString("en")} rows/s`;
  const rows: string[][] = [];
  for (const list of results.lists) {
    rows.push([
      `list 50 of ${sizes.customers.toLocaleString("en")} customers: ${list.name}`,
      "p50",
      ms(list.service.p50),
      ms(list.sql.p50),
      `${list.ratio.toFixed(2)}${list.target === undefined ? "" : ` (target ≤ ${list.target})`}`,
    ]);
    rows.push(["", "p95", ms(list.service.p95), ms(list.sql.p95), (list.service.p95 / list.sql.p95).toFixed(2)]);
  }
  const { import: imported, copy, reimportByKey, rows: count } = results.import;
  rows.push([
    `import ${count.toLocaleString("en")} customers (CSV) vs COPY`,
    "",
    perSecond(imported.rowsPerSecond),
    perSecond(copy.rowsPerSecond),
    (imported.seconds / copy.seconds).toFixed(2),
  ]);
  rows.push([`re-import the same file by key (all unchanged)`, "", perSecond(reimportByKey.rowsPerSecond), "", ""]);
  return rows;
}

function report(results: Awaited<ReturnType<typeof run>>): string {
  const rows = [["benchmark", "", "temper", "baseline (by hand)", "ratio"]];
  if (results.records) rows.push(...recordRows(results.records));
  if (results.studio) rows.push(...studioRows(results.studio, sizes.customers));
  if (results.processes) rows.push(...processRows(results.processes));
  return [table(rows), ...(results.studio ? ["", studioDetails(results.studio)] : [])].join("\n");
}

const work = await createTestHome();
let database: Database | undefined;
let exitCode = 0;
let stopping: Promise<void> | undefined;
// Once, whoever asks first (the end of the run, or Ctrl-C while it runs).
const stop = () =>
  (stopping ??= (async () => {
    if (database && !database.embedded) await dropDatabase(database);
    await database?.stop().catch(() => {});
    await removeTestHome(work).catch((error: unknown) => log(`could not remove ${work}: ${String(error)}`));
  })());
process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
process.once("SIGTERM", () => void stop().finally(() => process.exit(143)));
// A connection cut by the stop above can make the driver throw outside any promise: still clean up.
process.on("uncaughtException", (error) => {
  const interrupted = stopping !== undefined;
  if (!interrupted) console.error(error);
  void stop().finally(() => process.exit(interrupted ? 130 : 1));
});
try {
  log(process.env.DATABASE_URL ? "using DATABASE_URL" : `starting an embedded PostgreSQL in ${work}`);
  database = await resolveDatabase({
    home: work,
    sync: false,
    settings: { max_wal_size: "4GB", checkpoint_timeout: "30min" },
  });
  const results = await run(database, work);
  console.log(report(results));
  await mkdir(join(root, "bench"), { recursive: true });
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    // Other work on the machine skews every figure: the 1-minute load average at the end of the run.
    load: round(loadavg()[0] ?? 0),
    node: process.version,
    postgres: results.postgres,
  };
  await writeFile(
    join(root, "bench/results.json"),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine,
        sizes,
        only: only ?? "all",
        seedSeconds: results.seedSeconds,
        team: results.team,
        ...results.records,
        studio: results.studio,
        processes: results.processes,
      },
      null,
      2,
    )}\n`,
  );
  log("wrote bench/results.json");
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stop();
}
process.exit(exitCode);
