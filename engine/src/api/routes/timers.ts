import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { upcomingTimers } from "../../runtime/upcoming-timers.ts";
import type { ApiEnv, ResolvedApiDeps } from "../env.ts";

const day = 86_400_000;

function instantOf(name: string, value: string | undefined, otherwise: Date): Date {
  if (value === undefined || value === "") return otherwise;
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(instant.getTime()))
    throw new EngineError("bad_request", `"${name}" must be an ISO-8601 date or instant, not "${value}"`);
  return instant;
}

/**
 * `GET /timers?from=<instant>&to=<instant>`: the pending timers of the
 * processes of the records the signed-in user owns, due from `from` (now by
 * default) until before `to` (30 days later by default; 92 days at most),
 * soonest first: timed transitions, reminders and approval timeouts, each
 * with its record, state and what it will do. A calendar of one's follow-ups.
 *
 * @example
 * app.route("/timers", timerRoutes(deps));
 * // GET /timers?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00
 * // → { timers: [{ kind: "reminder", entity: "quote", recordId: "…", title: "Q-2026-0042", dueAt: "…", message: { en: "…" } }, …] }
 */
export function timerRoutes(deps: ResolvedApiDeps) {
  return new Hono<ApiEnv>().get("/", async (c) => {
    const from = instantOf("from", c.req.query("from"), deps.runtime.clock.now());
    const to = instantOf("to", c.req.query("to"), new Date(from.getTime() + 30 * day));
    const timers = await upcomingTimers(deps, c.var.user, c.var.workspace, { from, to });
    return c.json({ timers });
  });
}
