import { defineStep } from "@temper/plugin-sdk";
import type { ScoringConfig } from "./config.ts";
import { requestScoring } from "./requests.ts";

export interface ScoreCustomerParams {
  /** The field of the process's record that references the customer; omitted, the record is the customer. */
  customer?: string;
}

/**
 * `scoring.score_customer`: asks for one customer to be scored again now
 * (after a deal is won, a payment received). It runs in the transition, so
 * the request stands or falls with it; the job `scoring.score_requested`
 * scores the customer within a minute, as the workspace's system user,
 * against the population of the last recompute: the score counts every
 * record of the customer whoever fired the event, and is written to fields
 * that only processes and the system may set.
 *
 * @example
 * "actions": [{ "type": "scoring.score_customer", "params": { "customer": "customer" } }]
 */
export const scoreCustomer = defineStep<ScoreCustomerParams, { customer: string }>({
  name: "score_customer",
  description: "Asks for the process's customer to be scored again within a minute.",
  mode: "transaction",
  params: {
    type: "object",
    properties: { customer: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } },
    additionalProperties: false,
  },
  output: { type: "object", required: ["customer"], properties: { customer: { type: "string" } } },
  async run(ctx, params) {
    const config = ctx.config as unknown as ScoringConfig;
    const id = params.customer ? ctx.record[params.customer] : ctx.entity === config.entity ? ctx.record.id : null;
    if (typeof id !== "string")
      throw new Error(
        params.customer
          ? `the ${ctx.entity}'s "${params.customer}" names no ${config.entity}`
          : `a ${ctx.entity} is not a ${config.entity}: say which of its fields names one in "customer"`,
      );
    await requestScoring(ctx.state, id);
    return { customer: id };
  },
});
