import { definePlugin } from "@temper/plugin-sdk";
import { assign } from "./assign.ts";

/**
 * The assignment plugin: `assignment.assign` gives a record (a new lead, a
 * service request) an owner by rules: territory or any field condition,
 * round robin within a team, the least open load, or the first available,
 * passing over inactive users and users at capacity.
 *
 * @example
 * // app.json: "plugins": ["assignment"]
 * { "type": "assignment.assign", "params": { "rules": [{ "name": "east team", "when": "record.region == 'east'", "pool": [...] }] } }
 */
export default definePlugin({
  name: "assignment",
  version: "1.0.0",
  description: "Rule-based assignment of records to users: round robin, least loaded, first available.",
  steps: [assign],
});
