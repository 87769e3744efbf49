import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { listQueryOf } from "../../records/list-query.ts";
import { recordStats, statsGroupsOf } from "../../records/stats.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";

const own = new Set(["group", "sum", "avg", "min", "max", "unit"]);

const fieldsOf = (params: URLSearchParams, name: string) =>
  params.getAll(name).flatMap((value) => value.split(",").filter(Boolean));

/**
 * `GET /records/:entity/stats?group=owner&group=occurred_at:day[&sum=<field>][&avg|min|max=<field>][&unit=<code>][&<list filters>]`:
 * counts by person, day (week, month, quarter, year), process state or any
 * readable field, and sums, averages, smallest and largest values of fields
 * per group, within the caller's read scope: the manager's "employee
 * supervision" view, the pipeline's amounts per stage.
 *
 * @example
 * app.route("/records", statsRoutes(deps));
 * // GET /records/activity/stats?group=owner&group=occurred_at:day&occurred_at.gte=2026-11-01
 * // GET /records/opportunity/stats?group=stage&sum=amount
 * // GET /records/opportunity/stats?group=process:opportunity_pipeline&sum=weighted_amount
 */
export function statsRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>().get("/:entity/stats", async (c) => {
    const params = new URL(c.req.url).searchParams;
    for (const name of ["sort", "limit", "cursor"])
      if (params.has(name)) throw new EngineError("bad_request", `stats take no "${name}": they count every match`);
    const unit = params.get("unit");
    const query = listQueryOf(new URLSearchParams([...params].filter(([k]) => !own.has(k))));
    const guard = await c.var.records.guard(c.var.user, c.req.param("entity"));
    const stats = await recordStats(deps.storage.sql, c.var.workspace, guard, {
      groups: statsGroupsOf(params.getAll("group")),
      sums: fieldsOf(params, "sum"),
      averages: fieldsOf(params, "avg"),
      minimums: fieldsOf(params, "min"),
      maximums: fieldsOf(params, "max"),
      query,
      ...(unit !== null ? { unit } : {}),
    });
    return c.json(stats);
  });
}
