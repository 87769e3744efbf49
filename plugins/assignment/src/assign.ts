import { defineStep } from "@temper/plugin-sdk";
import { type AssignOutput, type AssignParams, assignOutputSchema, assignParamsSchema } from "./params.ts";
import { pickFrom } from "./pick.ts";

/**
 * `assignment.assign`: the first rule whose condition holds and whose pool
 * has someone available sets the record's owner (or another user field);
 * inactive users and users at capacity are passed over, and the decision
 * (the rule, the strategy, who was skipped and why) goes on the timeline.
 * With no such rule the field stays as it is, and the timeline says why.
 *
 * @example
 * { "type": "assignment.assign", "params": { "rules": [
 *   { "name": "east team", "when": "record.region == 'east'", "strategy": "round_robin",
 *     "pool": [{ "type": "role", "params": { "role": "sales_rep", "search": "unit", "unit": "east_sales" } }] },
 *   { "name": "anyone", "strategy": "least_loaded", "pool": [{ "type": "role", "params": { "role": "sales_rep", "search": "all" } }] }
 * ] } }
 */
export const assign = defineStep<AssignParams, AssignOutput>({
  name: "assign",
  description:
    "Assigns the record to one user of a pool by rules (the first whose condition holds and whose pool has someone available): round robin, least open load, or the first; passing over inactive users and users at capacity; the decision and its reason on the timeline.",
  mode: "transaction",
  params: assignParamsSchema,
  output: assignOutputSchema,
  expressions: ["/rules/*/when"],
  people: ["/rules/*/pool"],
  async run(ctx, params) {
    const field = params.field ?? "owner";
    const passed: string[] = [];
    for (const [index, rule] of params.rules.entries()) {
      const name = rule.name ?? `rule ${index + 1}`;
      if (rule.when && ctx.evaluate(rule.when) !== true) continue;
      const everyone = await ctx.directory.people(rule.pool, { inactive: true });
      const key = `${ctx.process.name}.${ctx.process.state}.${rule.name ?? index}`;
      const pick = await pickFrom(ctx, rule, everyone, key);
      if (pick.person) {
        ctx.setFields({ [field]: pick.person.id });
        const reason = `Assigned to ${pick.person.name} by "${name}": ${pick.why}`;
        ctx.timeline(reason);
        return { assigned: pick.person.id, rule: name, reason };
      }
      passed.push(`"${name}": ${pick.why}`);
    }
    const reason = `No assignment rule found anyone${passed.length > 0 ? ` (${passed.join("; ")})` : ""}; ${field} unchanged`;
    ctx.timeline(reason);
    return { assigned: null, rule: null, reason };
  },
});
