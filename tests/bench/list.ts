import type { ListQuery } from "../../engine/src/records/list-query.ts";
import type { Actor, RecordService } from "../../engine/src/records/service.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import type { Seeded } from "./seed.ts";
import { type Latency, latency, round, timed } from "./stats.ts";
import type { Team } from "./team.ts";

/** One list benchmark: the records service against the same query written by hand. */
export interface ListResult {
  name: string;
  service: Latency;
  sql: Latency;
  /** service p50 / sql p50. */
  ratio: number;
  /** The ratio this list should stay within, when it has a target. */
  target?: number;
}

interface ListCase {
  name: string;
  /** Who lists through the records service (the benchmark's system actor unless given). */
  actor?: Actor;
  /** The highest acceptable ratio of the service to the hand-written query, if any. */
  target?: number;
  /** The i-th run's list query (the filter value varies from run to run). */
  query(i: number): ListQuery;
  /** The same query, as a developer would write it against the table. */
  sql(sql: Sql, i: number): PromiseLike<unknown>;
}

type Sql = Storage["sql"];

/**
 * The lists a CRM runs all day over its customers: everyone's newest (the
 * default list), a rep's own newest first, a region's industry biggest
 * first (no index serves that order), and, given a team, its manager's
 * default list, scoped by the records service to the manager's org subtree
 * (beside the same `owner = any(...)` predicate by hand). The filter values
 * vary per run.
 *
 * @example
 * const cases = listCases(seeded, "ws_bench", await buildTeam(storage, "bench", seeded, 0.1));
 */
export function listCases(seeded: Seeded, schema: string, team?: Team): ListCase[] {
  const owner = (i: number) => seeded.owners[(i * 7) % seeded.owners.length]!;
  const region = (i: number) => seeded.regions[i % seeded.regions.length]!;
  const industry = (i: number) => seeded.industries[Math.floor(i / seeded.regions.length) % seeded.industries.length]!;
  const scoped: ListCase[] = team
    ? [
        {
          name: `a sales manager's subtree (${team.members.length - 1} reps, ${(team.share * 100).toFixed(1)}% of rows), newest first`,
          actor: team.manager,
          target: 1.3,
          query: () => ({ limit: 50 }),
          sql: (sql) => sql`select * from ${sql(schema)}.customer where owner = any(${team.members}::uuid[])
            order by updated_at desc, id desc limit 50`,
        },
      ]
    : [];
  return [
    ...scoped,
    {
      name: "no filter, newest first (the default list)",
      query: () => ({ limit: 50 }),
      sql: (sql) => sql`select * from ${sql(schema)}.customer order by updated_at desc, id desc limit 50`,
    },
    {
      name: "owner = ?, newest first",
      query: (i) => ({ filters: [{ field: "owner", op: "eq", value: owner(i) }], limit: 50 }),
      sql: (sql, i) =>
        sql`select * from ${sql(schema)}.customer where owner = ${owner(i)} order by updated_at desc, id desc limit 50`,
    },
    {
      name: "region = ? and industry = ?, by revenue",
      query: (i) => ({
        filters: [
          { field: "region", op: "eq", value: region(i) },
          { field: "industry", op: "eq", value: industry(i) },
        ],
        sort: [{ field: "annual_revenue", direction: "desc" }],
        limit: 50,
      }),
      sql: (
        sql,
        i,
      ) => sql`select * from ${sql(schema)}.customer where region = ${region(i)} and industry = ${industry(i)}
        order by annual_revenue desc nulls last, id desc limit 50`,
    },
  ];
}

/**
 * Runs each list `runs` times through the records service and by hand on the
 * same pool, alternating the two so that caches and load treat them alike,
 * after a warm-up.
 *
 * @example
 * const results = await benchLists(records, actor, storage.sql, listCases(seeded, "ws_bench"), 200);
 */
export async function benchLists(
  records: RecordService,
  actor: Actor,
  sql: Sql,
  cases: ListCase[],
  runs: number,
): Promise<ListResult[]> {
  const results: ListResult[] = [];
  for (const listCase of cases) {
    const warmUp = Math.min(20, runs);
    // A copy per call, as each request authenticates its user anew: the service resolves the user's scope every time.
    const as = () => ({ ...(listCase.actor ?? actor) });
    for (let i = 0; i < warmUp; i++) {
      await records.list(as(), "customer", listCase.query(i));
      await listCase.sql(sql, i);
    }
    const service: number[] = [];
    const byHand: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [first, second] = i % 2 ? (["service", "sql"] as const) : (["sql", "service"] as const);
      for (const which of [first, second]) {
        if (which === "service") service.push(await timed(() => records.list(as(), "customer", listCase.query(i))));
        else byHand.push(await timed(async () => listCase.sql(sql, i)));
      }
    }
    const s = latency(service);
    const h = latency(byHand);
    const target = listCase.target === undefined ? {} : { target: listCase.target };
    results.push({ name: listCase.name, service: s, sql: h, ratio: round(s.p50 / h.p50), ...target });
  }
  return results;
}
