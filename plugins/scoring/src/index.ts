import { definePlugin } from "@temper/plugin-sdk";
import { scoringConfig } from "./config.ts";
import { recompute } from "./recompute.ts";
import { scoreCustomer } from "./score-customer.ts";
import { scoreRequested } from "./score-requested.ts";

export { checkScoringConfig } from "./check.ts";
export { scoringConfig, type ScoringConfig } from "./config.ts";
export { percentileRank } from "./normalize.ts";
export { recompute } from "./recompute.ts";
export { scoreCustomer } from "./score-customer.ts";
export { scoreRequested } from "./score-requested.ts";
export { paretoSegments } from "./segment.ts";

/**
 * The scoring plugin: a customer value score (0–100) from indicators in four
 * dimensions (characteristics, transactions, financial contribution, contact
 * history) that the definition's `plugins/scoring.json` declares, and an ABC
 * segment by Pareto. The job `scoring.recompute` scores every customer daily;
 * the step `scoring.score_customer` asks for one to be scored again, which
 * the job `scoring.score_requested` does within a minute.
 *
 * @example
 * // app.json
 * { "plugins": ["scoring"] }
 * // a process action, after a deal is won
 * { "type": "scoring.score_customer", "params": { "customer": "customer" } }
 */
export default definePlugin({
  name: "scoring",
  version: "1.0.0",
  description: "Customer value scores from indicators in four dimensions, and ABC segments by Pareto.",
  config: scoringConfig,
  steps: [scoreCustomer],
  jobs: [recompute, scoreRequested],
});
