import { definePlugin, defineGuard, defineStep } from "@temper/plugin-sdk";
import { cnCreditCode } from "./cn-credit-code.ts";
import type { BigDealGuardParams, GreetOutput, GreetParams } from "./generated/types.ts";

export { cnCreditCode, creditCodeCheckCharacter } from "./cn-credit-code.ts";

/**
 * `hello.greet`: notes a greeting with the record's name on its timeline and
 * returns the greeting's length.
 *
 * @example
 * { "type": "hello.greet", "params": { "text": "Welcome" } }
 */
export const greet = defineStep<GreetParams, GreetOutput>({
  name: "greet",
  description: "Notes a greeting on the record's timeline and counts its letters.",
  mode: "transaction",
  params: {
    type: "object",
    required: ["text"],
    properties: { text: { type: "string", minLength: 1 } },
    additionalProperties: false,
  },
  output: { type: "object", required: ["length"], properties: { length: { type: "integer" } } },
  async run(ctx, params) {
    ctx.timeline(`${params.text}, ${String(ctx.record.name)}`);
    return { length: params.text.length };
  },
});

/**
 * `hello.big_deal`: the record's amount is over a threshold.
 *
 * @example
 * { "type": "hello.big_deal", "params": { "over": 1000000 } }
 */
export const bigDeal = defineGuard<BigDealGuardParams>({
  name: "big_deal",
  description: "The amount is over a threshold.",
  params: {
    type: "object",
    required: ["over"],
    properties: { over: { type: "number" } },
    additionalProperties: false,
  },
  check: ({ record }, { over }) => Number(record.amount) > over,
});

export default definePlugin({
  name: "hello",
  version: "1.0.0",
  description: "The example plugin of the plugin author's guide.",
  steps: [greet],
  guards: [bigDeal],
  fieldTypes: [cnCreditCode],
});
