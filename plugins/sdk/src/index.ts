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

export type * from "./context.ts";
export {
  defineFieldType,
  fieldTypeBases,
  type FieldTypeBase,
  type FieldTypeDefinition,
  type FieldTypeValue,
} from "./field-type.ts";
export { defineGuard, type GuardDefinition, type GuardInput } from "./guard.ts";
export { defineJob, type JobDefinition, type JobRunContext } from "./job.ts";
export {
  definePlugin,
  type DefinitionSummary,
  type FieldSummary,
  type Plugin,
  type PluginConfig,
  type PluginSettings,
} from "./plugin.ts";
export { defineStep, type StepDefinition } from "./step.ts";
