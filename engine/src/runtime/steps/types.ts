import type postgres from "postgres";
import type { Definition, Entity } from "../../definitions/index.ts";
import type { PeopleRule } from "../../process/people.ts";
import type { Actor, WorkspaceContext } from "../../records/service.ts";
import type { RecordBatch } from "../../records/batch-write.ts";
import type { RecordData } from "../../records/values.ts";

type Tx = postgres.TransactionSql;

/**
 * What a step sees when it runs inside the transition's transaction: the
 * record as the transition has changed it so far (change it in place: the
 * runtime writes it through the records service when the transition ends),
 * the process, the acting user and the time, and the means to write other
 * records, resolve people, set timers and queue side effects.
 */
export interface StepContext {
  tx: Tx;
  workspace: WorkspaceContext;
  entity: Entity;
  /** The definition version the instance runs on (the workspace's current one may be newer). */
  definition: Definition;
  record: RecordData;
  instance: { id: string; process: string; state: string };
  /** The user whose event or decision this is; the system user for timers. */
  actor: Actor;
  now: Date;
  /** The locale messages are rendered in: the app's first. */
  locale: string;
  /** Other records, written as the process (validation, history and audit, no permission checks). */
  records: RecordBatch;
  /** The event's type and data, as CEL sees them. */
  event: { type: string; data: Record<string, unknown> };
  /** Evaluates a CEL expression with `record`, `event`, `user` and `now` in scope. */
  evaluate(expression: string): unknown;
  /** Resolves people rules to the ids of active users (and inactive ones with `inactive`). */
  people(rules: PeopleRule[], options?: { inactive?: boolean }): Promise<string[]>;
  /** Sets a named timer of the instance (replacing a pending one of the same key). */
  schedule(timer: { kind: "reminder"; key: string; dueAt: Date; payload: Record<string, unknown> }): Promise<void>;
  /** Cancels the instance's pending timer of that key, if any. */
  cancel(key: string): Promise<void>;
  /** Queues a side effect for delivery after commit. */
  enqueue(step: string, payload: Record<string, unknown>): Promise<void>;
  /** Adds an entry to the instance's timeline. */
  note(text: string): Promise<void>;
  /** A record's display value of a field (user names for users, titles for references). */
  display(field: string): Promise<unknown>;
}

/** What a delivery handler gets: the idempotency key and, for database effects, a transaction that also marks it done. */
export interface DeliveryContext {
  workspaceId: string;
  instanceId: string | null;
  /** Unique per side effect: pass it on as the idempotency key of the system called. */
  key: string;
  attempt: number;
  /** Runs database work in the transaction that marks the side effect delivered: exactly once. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * A step's implementation: `run` works inside the transition's transaction
 * (its failure rolls the transition back); `deliver` works after commit from
 * the outbox (retried with backoff; its failure never touches the transition).
 * A step with both runs `run` to prepare the payload `deliver` receives
 * (returning nothing queues nothing: `notify` queues its own).
 */
export interface StepImplementation {
  type: string;
  /** How often an outbox delivery is tried before it is given up (8 by default). */
  maxAttempts?: number;
  run?(params: Record<string, unknown>, context: StepContext): Promise<Record<string, unknown> | void>;
  deliver?(payload: Record<string, unknown>, context: DeliveryContext): Promise<void>;
}

/** Step implementations by type (`set_fields`, `messaging.send_sms`). */
export type StepRegistry = Map<string, StepImplementation>;
