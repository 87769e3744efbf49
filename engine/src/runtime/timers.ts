import { EngineError } from "../errors.ts";
import type { Label } from "../process/render.ts";
import type { PeopleRule } from "../process/people.ts";
import type { RuntimeDeps } from "./deps.ts";
import { inLanes } from "./lanes.ts";
import { type ApprovalRow, applyTimeout } from "./approvals.ts";
import { lockRecord } from "./events.ts";
import type { InstanceRow } from "./instances.ts";
import { enqueueNotice, renderFor } from "./steps/notify.ts";
import { applyEvent, openRun, saveRecord, withRun } from "./transition.ts";
import { workspaceContexts } from "./workspace.ts";

/** A timer row. */
interface TimerRow {
  id: string;
  workspace_id: string;
  instance_id: string;
  kind: "after" | "reminder" | "approval_timeout";
  key: string;
  payload: Record<string, unknown>;
  due_at: Date;
  attempts: number;
}

/** What a round of timer work did. */
export interface TimerRound {
  fired: number;
  skipped: number;
  failed: number;
}

const maxAttempts = 5;

/**
 * Fires due timers. Each one fires in a transaction of its own that locks its
 * instance first (skipping an instance another worker or a user's event holds:
 * it is tried again next round), then the timer, and fires it only if it is
 * still pending: a cancelled timer never fires, and a fired one never fires
 * again, however many workers in however many processes run.
 * A timer whose transition fails is retried with backoff, then marked failed;
 * the failure is kept on the instance.
 */
export function timerWorker(deps: RuntimeDeps) {
  const { sql } = deps.storage;
  const contexts = workspaceContexts(deps.storage);

  async function fire(candidate: { id: string; instance_id: string; workspace_id: string }): Promise<keyof TimerRound> {
    try {
      // Read before the transaction: a query on another connection inside it could wait on a pool its peers hold.
      const { context, system } = await contexts(candidate.workspace_id);
      return await sql.begin(async (tx) => {
        const [instance] = await tx<InstanceRow[]>`select * from temper.process_instances
          where id = ${candidate.instance_id} for update skip locked`;
        if (!instance) return "skipped";
        const [timer] = await tx<
          TimerRow[]
        >`select * from temper.timers where id = ${candidate.id} and status = 'pending' for update`;
        if (!timer || timer.due_at > deps.clock.now()) return "skipped";
        const entity = context.definition.entities.get(instance.entity);
        if (!entity) throw new EngineError("not_found", `no entity "${instance.entity}" any more`);
        const record = await lockRecord(tx, context, entity, instance.record_id);
        const run = await openRun(deps, {
          tx,
          workspace: context,
          instance,
          actor: system,
          user: { id: system.id, username: system.username, roles: [] },
          record: { ...record },
        });
        await withRun(run, async () => {
          if (timer.kind === "after") {
            const event = String(timer.payload.event);
            try {
              if (instance.status === "active") await applyEvent(run, event, {}, "timer");
            } catch (error) {
              // A timed transition whose conditions do not hold is done with: nothing happens.
              if (!(error instanceof EngineError && error.code === "guard_failed")) throw error;
              await run.entry("timer", event, { skipped: error.message }, instance.state, instance.state);
            }
          } else if (timer.kind === "reminder") {
            const steps = run.steps(instance.state, { type: timer.key, data: {} });
            const message = await renderFor(steps, timer.payload.message as Label);
            await enqueueNotice(steps, timer.payload.to as PeopleRule[], message, "reminder");
            await run.entry("timer", timer.key, {}, instance.state, instance.state);
          } else {
            const [approval] = await tx<
              ApprovalRow[]
            >`select * from temper.approvals where id = ${String(timer.payload.approvalId)}`;
            const followUp = approval ? await applyTimeout(run, approval, Number(timer.payload.level)) : undefined;
            if (followUp) await applyEvent(run, followUp.type, followUp.data, "approval");
          }
          run.defer(
            tx`update temper.timers set status = 'fired', fired_at = ${deps.clock.now()}, fired_by = ${deps.workerId},
              attempts = attempts + 1 where id = ${timer.id}`.execute(),
          );
          await saveRecord(run, record);
        });
        return "fired";
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const [timer] = await sql<Array<{ attempts: number; key: string }>>`update temper.timers
        set attempts = attempts + 1, last_error = ${message},
          status = case when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end,
          due_at = case when attempts + 1 >= ${maxAttempts} then due_at
            else ${deps.clock.now()}::timestamptz + make_interval(secs => power(2, attempts + 1)) end
        where id = ${candidate.id} and status = 'pending' returning attempts, key`;
      if (timer)
        await sql`update temper.process_instances set last_error = ${sql.json({
          source: "timer",
          key: timer.key,
          attempts: timer.attempts,
          message,
          at: deps.clock.now().toISOString(),
        } as never)} where id = ${candidate.instance_id}`;
      return "failed";
    }
  }

  return {
    /**
     * Fires the timers due now (at most `limit`), `concurrency` at a time.
     *
     * @example
     * const round = await runtime.timers.runDue(); // { fired: 3, skipped: 0, failed: 0 }
     */
    async runDue(options: { limit?: number; concurrency?: number } = {}): Promise<TimerRound> {
      const limit = options.limit ?? 200;
      const due = await sql<
        Array<{ id: string; instance_id: string; workspace_id: string }>
      >`select id, instance_id, workspace_id from temper.timers
        where status = 'pending' and due_at <= ${deps.clock.now()} order by due_at limit ${limit}`;
      return inLanes(due, options.concurrency ?? 4, fire, { fired: 0, skipped: 0, failed: 0 });
    },
  };
}
