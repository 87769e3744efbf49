import type { Entity, Process } from "../definitions/index.ts";
import { processExpression, processVariables, type ProcessUser } from "./guards.ts";

export type ApprovalConfig = NonNullable<Process["states"][string]["approval"]>;
export type ApprovalLevel = ApprovalConfig["levels"][number];

/**
 * The index of the next level that applies to the record, after `from`
 * (-1 to find the first): a level applies when it has no `when` or its `when`
 * holds. `undefined` when no level is left: the approval is approved.
 *
 * @example
 * nextLevel(quote, approval, -1, { discount: 25 }, user, now); // 0 (manager), then nextLevel(…, 0, …) is 1 (director)
 */
export function nextLevel(
  entity: Entity,
  approval: ApprovalConfig,
  from: number,
  record: Record<string, unknown>,
  user: ProcessUser,
  now: Date,
): number | undefined {
  for (let index = from + 1; index < approval.levels.length; index++) {
    const level = approval.levels[index]!;
    if (!level.when) return index;
    const variables = processVariables(entity, { record, type: "approval", data: {}, user, now });
    let holds = false;
    try {
      holds = processExpression(entity, level.when)(variables) === true;
    } catch {
      // A level whose condition reads an empty field does not apply.
    }
    if (holds) return index;
  }
  return undefined;
}

/** How the decisions of one level stand. */
export type LevelOutcome = "approved" | "rejected" | "pending";

/**
 * Tallies one level's decisions by its mode: `any`, the first decision counts;
 * `all`, every approver must approve (one rejection rejects); `quorum`, N
 * approvals approve, and the level is rejected once N can no longer be reached.
 *
 * @example
 * levelOutcome({ mode: "quorum", quorum: 2 }, { approved: 2, rejected: 1, pending: 0 }); // "approved"
 */
export function levelOutcome(
  level: Pick<ApprovalLevel, "mode" | "quorum">,
  counts: { approved: number; rejected: number; pending: number },
): LevelOutcome {
  const mode = level.mode ?? "any";
  if (mode === "any") return counts.approved > 0 ? "approved" : counts.rejected > 0 ? "rejected" : "pending";
  if (mode === "all") return counts.rejected > 0 ? "rejected" : counts.pending === 0 ? "approved" : "pending";
  const quorum = level.quorum ?? 1;
  if (counts.approved >= quorum) return "approved";
  return counts.approved + counts.pending < quorum ? "rejected" : "pending";
}
