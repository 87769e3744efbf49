import type { Decision } from "../runtime/approvals.ts";
import type { DecisionResult } from "../runtime/tasks.ts";
import { hoursAfter, inOfficeHours } from "./calendar.ts";
import { approvalComments } from "./texts.ts";
import { person, type World } from "./world.ts";

/**
 * The pending approval tasks on a record, oldest first.
 *
 * @example
 * const [task] = await pendingTasks(world, "quote", quoteId); // { id, approver }
 */
export async function pendingTasks(
  world: World,
  entity: string,
  recordId: string,
): Promise<Array<{ id: string; approver: string }>> {
  return world.storage.sql<Array<{ id: string; approver: string }>>`
    select t.id, t.approver_id as approver from temper.approval_tasks t
    join temper.approvals a on a.id = t.approval_id
    join temper.process_instances i on i.id = a.instance_id
    where i.workspace_id = ${world.context.workspaceId} and i.entity = ${entity} and i.record_id = ${recordId}
      and t.status = 'pending'
    order by t.created_at, t.id`;
}

/** How approvers of a kind of record decide, in percent. */
export interface DecisionOdds {
  reject: number;
  return: number;
}

/**
 * Plans the next approval decision on a record some office hours from now:
 * the approver who waited longest decides (mostly approves, sometimes
 * rejects or returns it, with a comment); while the approval goes on, the
 * next decision is planned the same way. `settled` hears how it ended.
 *
 * @example
 * planDecision(world, "quote", id, { reject: 8, return: 4 }, (result) => …);
 */
export function planDecision(
  world: World,
  entity: string,
  id: string,
  odds: DecisionOdds,
  settled?: (result: DecisionResult) => void,
): void {
  const { random } = world;
  const when = inOfficeHours(hoursAfter(world.clock.now(), random.float(1.5, 26)), random.int(5, 120));
  world.agenda.at(when, `${entity}.decide`, async () => {
    const [task] = await pendingTasks(world, entity, id);
    if (!task) return;
    const kind = random.weighted({
      approve: 100 - odds.reject - odds.return,
      reject: odds.reject,
      return: odds.return,
    });
    const comment = random.pick(approvalComments[kind]);
    const decision: Decision =
      kind === "approve" && random.chance(0.6) ? { decision: "approve" } : { decision: kind, comment };
    const result = await world.runtime.tasks.decide(person(world, task.approver), world.context, task.id, decision);
    if (result.approval === "pending") planDecision(world, entity, id, odds, settled);
    else settled?.(result);
  });
}
