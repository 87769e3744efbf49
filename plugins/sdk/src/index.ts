/**
 * The Temper plugin SDK: what a plugin author writes against. A plugin is a
 * package `@temper/plugin-<name>` whose default export is `definePlugin(...)`;
 * a definition calls its steps as `<name>.<step>` once `app.json` lists the
 * plugin under `plugins`.
 *
 * @example
 * import { definePlugin, defineStep } from "@temper/plugin-sdk";
 *
 * const greet = defineStep<{ text: string }, { length: number }>({
 *   name: "greet",
 *   description: "Writes a note on the record's timeline.",
 *   mode: "transaction",
 *   params: { type: "object", required: ["text"], properties: { text: { type: "string" } }, additionalProperties: false },
 *   output: { type: "object", required: ["length"], properties: { length: { type: "integer" } } },
 *   async run(ctx, params) {
 *     ctx.timeline(`${params.text}, ${String(ctx.record.name)}`);
 *     return { length: params.text.length };
 *   },
 * });
 *
 * export default definePlugin({ name: "hello", version: "1.0.0", steps: [greet] });
 */

/** A JSON Schema (draft 2020-12), as a plain object. */
export type JsonSchema = Record<string, unknown>;

/** A record as the engine's API shows it: field values by name, system fields included. */
export type RecordValues = Record<string, unknown>;

/** The user a step acts for: who fired the event or made the decision (null for a timer). */
export interface PluginUser {
  id: string;
  username: string;
  roles: string[];
}

/** Where a step writes what it wants operations to see. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * The records service as a step may use it: every call is checked against
 * the user's permissions (scope, fields), exactly as through the API; a step
 * run by a timer acts as the workspace's system user.
 */
export interface PluginRecords {
  get(entity: string, id: string): Promise<RecordValues>;
  /** Lists records: `query` takes the API's list parameters (`{ "region": "east", "sort": "-updated_at", "limit": "50" }`). */
  list(entity: string, query?: Record<string, string>): Promise<RecordValues[]>;
  create(entity: string, input: RecordValues): Promise<RecordValues>;
  /** Changes fields of a record (at its current version). */
  update(entity: string, id: string, input: RecordValues): Promise<RecordValues>;
}

/** What a step's `run` gets besides its params. */
export interface StepRunContext {
  workspace: { id: string; locale: string; locales: string[]; timezone: string };
  /** The entity of the process's record. */
  entity: string;
  /** The process calling the step: its name, the state it is in (or entering), the event that led here. */
  process: { name: string; state: string; event: string };
  /**
   * The process's record as the transition sees it; an outbox step gets it as
   * the transition left it when the step was called, its state field showing
   * the state entered.
   */
  record: Readonly<RecordValues>;
  user: PluginUser | null;
  records: PluginRecords;
  log: Logger;
  /** Unique per call and stable across retries: pass it to the system called so that a retry does not act twice. */
  idempotencyKey: string;
  /** The engine's clock (a test's or a simulation's may differ from the wall clock). */
  now(): Date;
  /** This plugin's settings for the workspace (`temper plugin settings`), secrets included. */
  settings: Record<string, unknown>;
  /** Aborted when the step runs past its timeout: stop waiting on what you called. */
  signal: AbortSignal;
  /** Adds a line to the record's process timeline. */
  timeline(text: string): void;
  /**
   * Sets fields of the process's record, saved with the transition (a
   * transaction step only; an outbox step changes records with `records.update`).
   */
  setFields(values: RecordValues): void;
}

/**
 * A step processes call by name. `mode` says where it runs:
 * - `transaction`: inside the transition's transaction, synchronously. It must
 *   be quick and must not call other systems: a failure rolls the transition back.
 * - `outbox`: after the transition commits, from the outbox, retried with
 *   backoff up to `retry.attempts`. A failure never touches the committed
 *   transition; it is recorded on the instance with its reason.
 */
export interface StepDefinition<Params = Record<string, unknown>, Output = Record<string, unknown> | void> {
  /** Lower snake case; the definition calls it as `<plugin>.<name>`. */
  name: string;
  description: string;
  /** The JSON Schema of the params a definition gives: checked when a definition is validated and before each run. */
  params: JsonSchema;
  /** The JSON Schema of what `run` returns: output that breaks it is a failure of the step. */
  output?: JsonSchema;
  mode: "transaction" | "outbox";
  /** How long a run may take (default 2,000 ms in a transaction, 30,000 ms from the outbox). */
  timeoutMs?: number;
  /** How often an outbox step is tried before it is given up (default 8). */
  retry?: { attempts?: number };
  run(ctx: StepRunContext, params: Params): Promise<Output>;
}

/** What a guard sees. */
export interface GuardInput {
  entity: string;
  record: Readonly<RecordValues>;
  event: { type: string; data: Record<string, unknown> };
  user: PluginUser;
  now: Date;
}

/** A guard processes use on a transition as `{ "type": "<plugin>.<name>", "params": {...} }`: synchronous and pure. */
export interface GuardDefinition<Params = Record<string, unknown>> {
  name: string;
  description: string;
  params: JsonSchema;
  check(input: GuardInput, params: Params): boolean;
}

/** A plugin's settings per workspace: their schema, and which of them are secrets (written, never read back). */
export interface PluginSettings {
  schema: JsonSchema;
  /** Top-level settings the API never returns (passwords, API keys). */
  secrets?: string[];
}

/** A plugin: its name (the package is `@temper/plugin-<name>`), version, steps, guards and settings. */
export interface Plugin {
  name: string;
  version: string;
  description?: string;
  steps: StepDefinition<never, unknown>[];
  guards?: GuardDefinition<never>[];
  settings?: PluginSettings;
}

const namePattern = /^[a-z][a-z0-9_]*$/;

/**
 * Declares a step with its params and output types (generate them from the
 * schemas with `temper plugin types`, or write them).
 *
 * @example
 * export const score = defineStep<ScoreParams, ScoreOutput>({ name: "score", ... });
 */
export function defineStep<Params, Output>(step: StepDefinition<Params, Output>): StepDefinition<Params, Output> {
  if (!namePattern.test(step.name)) throw new Error(`step name "${step.name}" must be lower snake case`);
  return step;
}

/**
 * Declares a guard.
 *
 * @example
 * export const vip = defineGuard<{ min: number }>({ name: "vip", description: "...", params: {...}, check: ({ record }, { min }) => Number(record.value_score) >= min });
 */
export function defineGuard<Params>(guard: GuardDefinition<Params>): GuardDefinition<Params> {
  if (!namePattern.test(guard.name)) throw new Error(`guard name "${guard.name}" must be lower snake case`);
  return guard;
}

/**
 * Declares a plugin: the default export of its package.
 *
 * @example
 * export default definePlugin({ name: "webhook", version: "1.0.0", steps: [post] });
 */
export function definePlugin(plugin: Plugin): Plugin {
  if (!namePattern.test(plugin.name)) throw new Error(`plugin name "${plugin.name}" must be lower snake case`);
  const names = new Set<string>();
  for (const item of [...plugin.steps, ...(plugin.guards ?? [])]) {
    if (names.has(item.name)) throw new Error(`plugin "${plugin.name}" declares "${item.name}" twice`);
    names.add(item.name);
  }
  return plugin;
}
