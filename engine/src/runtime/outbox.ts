import type { RuntimeDeps } from "./deps.ts";
import { inLanes } from "./lanes.ts";
import type { Tx } from "./instances.ts";

/** An outbox row being delivered. */
interface OutboxRow {
  id: string;
  workspace_id: string;
  instance_id: string | null;
  key: string;
  step: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/** What a round of delivery did. */
export interface OutboxRound {
  delivered: number;
  retried: number;
  failed: number;
}

/** How long a claimed side effect is left to its worker before another may try it. */
const leaseSeconds = 120;

/**
 * Delivers the outbox: each due row is claimed (attempts counted, a lease
 * set) with SKIP LOCKED so that workers in several processes share the work,
 * then handed to its step's `deliver`. A failure is retried with exponential
 * backoff (2 s, 4 s, … at most an hour) up to the row's `max_attempts` (the
 * step's retry policy, 8 by default), then the row is
 * marked failed; the last failure is kept on the row and on its instance.
 * Database effects run in `transaction()`, which marks the row done in the
 * same transaction: they happen exactly once. Other effects get the row's
 * `key` to pass on as an idempotency key.
 */
export function outboxWorker(deps: RuntimeDeps) {
  const { sql } = deps.storage;

  async function markDone(tx: Tx | typeof sql, id: string) {
    await (tx as typeof sql)`update temper.outbox set status = 'done', done_at = ${deps.clock.now()}, last_error = null
      where id = ${id} and status = 'pending'`;
  }

  async function deliver(row: OutboxRow): Promise<keyof OutboxRound> {
    const step = deps.steps.get(row.step);
    try {
      if (!step?.deliver) throw new Error(`no step "${row.step}" that delivers is installed in this engine`);
      let done = false;
      await step.deliver(row.payload, {
        workspaceId: row.workspace_id,
        instanceId: row.instance_id,
        key: row.key,
        attempt: row.attempts,
        transaction: async (work) =>
          sql.begin(async (tx) => {
            const [claimed] =
              await tx`select id from temper.outbox where id = ${row.id} and status = 'pending' for update`;
            if (!claimed) throw new Error(`side effect ${row.key} was delivered by another worker`);
            const result = await work(tx);
            await markDone(tx, row.id);
            done = true;
            return result;
          }) as never,
      });
      if (!done) await markDone(sql, row.id);
      return "delivered";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = row.attempts >= row.max_attempts;
      const delay = Math.min(3600, 2 ** row.attempts);
      await sql`update temper.outbox set last_error = ${message}, status = ${failed ? "failed" : "pending"},
        next_attempt_at = ${new Date(deps.clock.now().getTime() + delay * 1000)} where id = ${row.id} and status = 'pending'`;
      if (row.instance_id)
        await sql`update temper.process_instances set last_error = ${sql.json({
          source: "outbox",
          step: row.step,
          key: row.key,
          attempts: row.attempts,
          message,
          at: deps.clock.now().toISOString(),
        } as never)} where id = ${row.instance_id}`;
      return failed ? "failed" : "retried";
    }
  }

  return {
    /**
     * Delivers the side effects due now (at most `limit`).
     *
     * @example
     * await runtime.outbox.deliverDue(); // { delivered: 2, retried: 0, failed: 0 }
     */
    async deliverDue(options: { limit?: number; concurrency?: number } = {}): Promise<OutboxRound> {
      const now = deps.clock.now();
      const rows = await sql<OutboxRow[]>`update temper.outbox set attempts = attempts + 1,
          next_attempt_at = ${new Date(now.getTime() + leaseSeconds * 1000)}
        where id in (select id from temper.outbox where status = 'pending' and next_attempt_at <= ${now}
          order by next_attempt_at limit ${options.limit ?? 100} for update skip locked)
        returning id, workspace_id, instance_id, key, step, payload, attempts, max_attempts`;
      return inLanes(rows, options.concurrency ?? 4, deliver, { delivered: 0, retried: 0, failed: 0 });
    },
  };
}
