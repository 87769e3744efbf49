import type { JsonSchema, PluginUser, RecordValues } from "./context.ts";
import { namePattern } from "./names.ts";

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
