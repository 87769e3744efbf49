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
 * Counts and sums in SQL, grouped by fields: `{ group: ["customer"], sum: ["amount"], where: { status: "received" } }`.
 * `where` takes the API's list filters (`{ "occurred_at.gte": "2026-01-01" }`).
 */
export interface AggregateRequest {
  group: string[];
  sum?: string[];
  where?: Record<string, string>;
}

/** One group: its field values, `count` and `sum_<field>` for each summed field (0 when nothing to sum). */
export type AggregateRow = Record<string, unknown> & { count: number };

/**
 * The records service as a plugin may use it: every call is checked against
 * the user's permissions (scope, fields), exactly as through the API; a step
 * run by a timer, and a job, act as the workspace's system user.
 */
export interface PluginRecords {
  get(entity: string, id: string): Promise<RecordValues>;
  /** Lists records: `query` takes the API's list parameters (`{ "region": "east", "sort": "-updated_at", "limit": "50" }`). */
  list(entity: string, query?: Record<string, string>): Promise<RecordValues[]>;
  create(entity: string, input: RecordValues): Promise<RecordValues>;
  /** Changes fields of a record (at its current version). */
  update(entity: string, id: string, input: RecordValues): Promise<RecordValues>;
  /** Counts and sums records by groups, in SQL, within the same permissions. */
  aggregate(entity: string, request: AggregateRequest): Promise<AggregateRow[]>;
}

/** A user of the workspace's org, as the directory resolves them. */
export interface Person {
  id: string;
  username: string;
  name: string;
  active: boolean;
}

/**
 * A people rule as definitions write them, resolved from the org:
 * `{ "type": "role", "params": { "role": "sales_rep", "search": "unit", "unit": "east_sales" } }`,
 * `{ "type": "manager", "params": { "of": "owner" } }`.
 */
export interface PeopleRule {
  type: string;
  params?: Record<string, unknown>;
}

/** The org as a step sees it, whatever the user's own permissions. */
export interface Directory {
  /**
   * The users people rules name, in username order, each once; inactive users
   * only with `{ inactive: true }` (to say who was passed over).
   */
  people(rules: PeopleRule[], options?: { inactive?: boolean }): Promise<Person[]>;
  /** How many records of the process's entity each user owns whose process (the calling one) is still running. */
  openLoad(userIds: string[]): Promise<Map<string, number>>;
}

/**
 * What a plugin keeps between runs in a workspace, by key (JSON values). A
 * transaction step reads and writes it in the transition's transaction (the
 * key's row is locked until it commits); a job in a transaction of its own.
 */
export interface PluginState {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** The workspace a plugin runs for. */
export interface PluginWorkspace {
  id: string;
  locale: string;
  locales: string[];
  timezone: string;
}

/** What a step's `run` gets besides its params. */
export interface StepRunContext {
  workspace: PluginWorkspace;
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
  /** The org: people rules resolved, open load per user. */
  directory: Directory;
  /** This plugin's state in the workspace. */
  state: PluginState;
  log: Logger;
  /** Unique per call and stable across retries: pass it to the system called so that a retry does not act twice. */
  idempotencyKey: string;
  /** The engine's clock (a test's or a simulation's may differ from the wall clock). */
  now(): Date;
  /** This plugin's settings for the workspace (`temper plugin settings`), secrets included. */
  settings: Record<string, unknown>;
  /**
   * This plugin's configuration in the definition version the process runs on
   * (`plugins/<plugin>.json` in the definition folder), `{}` when it has none.
   */
  config: Record<string, unknown>;
  /** Evaluates a CEL expression with `record`, `event`, `user` and `now` in scope, as a guard would. */
  evaluate(expression: string): unknown;
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
