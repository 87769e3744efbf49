import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { visibleProcess } from "../../permissions/visible-process.ts";
import type { ApiEnv } from "../env.ts";

/**
 * `GET /processes/:name`: a process of the published definition as the
 * signed-in user may see it (they must read its entity): its states in
 * order with their labels, whether each is final or an approval, the events
 * each takes and the states they may lead to, and the events the user may
 * fire. A board draws its columns and finds the event that moves a card from
 * it.
 *
 * @example
 * app.route("/processes", processDefinitionRoutes());
 * // GET /processes/opportunity_pipeline → { name, entity: "opportunity", stateField: "stage", states: [{ name: "prospecting", transitions: [{ event: "qualify", targets: ["qualification"] }, …] }, …], events: [{ name: "lose", data: {…}, mayFire: true }, …] }
 */
export function processDefinitionRoutes() {
  return new Hono<ApiEnv>().get("/:name", (c) => {
    const name = c.req.param("name");
    const process = visibleProcess(c.var.workspace.definition, c.var.user.roles, name);
    if (!process) throw new EngineError("not_found", `no process "${name}" of records you may read`);
    return c.json(process);
  });
}
