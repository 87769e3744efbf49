import type { PeopleRule } from "../../process/people.ts";
import type { StepContext, StepImplementation } from "./types.ts";

interface Rule {
  when?: string;
  pool: PeopleRule[];
  strategy?: "round_robin" | "least_loaded" | "first";
}

/** The pool member with the fewest records of this entity whose process is still running; ties go to pool order. */
async function leastLoaded(context: StepContext, pool: string[]): Promise<string> {
  const { tx, workspace, entity, instance } = context;
  const rows = await tx<Array<{ owner: string; open: string }>>`select e.owner, count(*) as open
    from ${tx(workspace.schema)}.${tx(entity.name)} e
    join temper.process_instances i on i.record_id = e.id and i.workspace_id = ${workspace.workspaceId}
      and i.process = ${instance.process} and i.status = 'active'
    where e.owner = any(${pool}::uuid[]) and e.id <> ${String(context.record.id)} group by e.owner`;
  const load = new Map(rows.map((r) => [r.owner, Number(r.open)]));
  return pool.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), pool[0]!);
}

/** The next pool member after the one this rule chose last (the pool in username order), remembered per rule. */
async function roundRobin(context: StepContext, key: string, pool: string[]): Promise<string> {
  const { tx, workspace } = context;
  const [cursor] = await tx<Array<{ last_user_id: string }>>`select last_user_id from temper.assignment_cursors
    where workspace_id = ${workspace.workspaceId} and key = ${key} for update`;
  const next = pool[(pool.indexOf(cursor?.last_user_id ?? "") + 1) % pool.length]!;
  await tx`insert into temper.assignment_cursors (workspace_id, key, last_user_id)
    values (${workspace.workspaceId}, ${key}, ${next})
    on conflict (workspace_id, key) do update set last_user_id = excluded.last_user_id`;
  return next;
}

/**
 * `assign_owner`: the first rule whose `when` holds and whose pool has an
 * active user picks the owner (a team with nobody available falls through to
 * the next rule); with no such rule the owner stays.
 */
export const assignOwner: StepImplementation = {
  type: "assign_owner",
  async run(params, context) {
    const rules = params.rules as Rule[];
    for (const [index, rule] of rules.entries()) {
      if (rule.when && context.evaluate(rule.when) !== true) continue;
      const pool = await context.people(rule.pool);
      if (pool.length === 0) continue;
      const strategy = rule.strategy ?? "round_robin";
      const key = `${context.instance.process}.${context.instance.state}.${index}`;
      context.record.owner =
        strategy === "first"
          ? pool[0]
          : strategy === "least_loaded"
            ? await leastLoaded(context, pool)
            : await roundRobin(context, key, pool);
      return;
    }
  },
};
