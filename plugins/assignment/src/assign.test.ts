import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateDefinitionTexts } from "../../../engine/src/definitions/index.ts";
import { referenceCrmWith } from "../../../engine/src/plugins/testing.ts";
import { openProcessFixture, type ProcessFixture } from "../../../engine/src/runtime/testing.ts";

// The reference CRM assigns leads, service requests and complaints with this plugin: the process
// suites (tests/processes) walk those. Here: what the CRM's rules do not use.

const agents = { type: "role", params: { role: "service_agent", search: "unit", unit: "service_center" } };
const director = { type: "user", params: { username: "svc.director" } };

/** The CRM with the service request's dispatch limited to one open request per agent, then the service director. */
async function crmWithCapacity(rules: unknown[]) {
  return referenceCrmWith([], (path, json) => {
    if (path === "processes/service_request_sla.json") json.states.new.on.assign.actions[0].params = { rules };
  });
}

let fx: ProcessFixture;
let customer: string;
const request = async (subject: string) => {
  const created = await fx.as("supervisor")("POST", "/records/service_request", {
    subject,
    customer,
    priority: "normal",
    category: "repair",
    description: `${subject}: reported by the customer.`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
};
const dispatch = async (id: string) => {
  const fired = await fx.as("supervisor")("POST", `/records/service_request/${id}/events`, { type: "assign" });
  expect(fired.status, JSON.stringify(fired.body)).toBe(200);
  const view = await fx.as("exec")("GET", `/records/service_request/${id}/process`);
  const notes = view.body.processes[0].timeline.filter((e: { kind: string }) => e.kind === "note");
  return { owner: fired.body.record.owner as string, note: notes.at(-1)?.data.text as string };
};

beforeAll(async () => {
  const { texts } = await crmWithCapacity([
    { name: "agents", pool: [agents], strategy: "least_loaded", capacity: 1 },
    { name: "service director", pool: [director], strategy: "first" },
  ]);
  fx = await openProcessFixture("plugin_assignment", { texts });
  const created = await fx.as("rep.e1")("POST", "/records/customer", { name: "Dalian Shipyard", region: "east" });
  customer = created.body.id;
}, 120_000);
afterAll(() => fx?.close());

describe("assignment.assign", () => {
  it("passes over users at capacity and falls through to the next rule, saying why", async () => {
    const first = await dispatch(await request("Spindle noise"));
    const second = await dispatch(await request("Coolant leak"));
    expect(new Set([first.owner, second.owner])).toEqual(new Set([fx.ids.get("agent1"), fx.ids.get("agent2")]));
    expect(first.note).toMatch(/^Assigned to \S+ by "agents": least loaded: 0 open against \S+ 0$/);
    expect(second.note).toMatch(
      /^Assigned to \S+ by "agents": least loaded: 0 open; skipped \S+ \(at capacity, 1 open\)$/,
    );

    const third = await dispatch(await request("Hydraulic pressure drop"));
    expect(third.owner).toBe(fx.ids.get("svc.director"));
    expect(third.note).toMatch(/^Assigned to \S+ by "service director": the first available$/);
  });

  it("leaves the owner when no rule finds anyone, and the timeline says why", async () => {
    await fx.storage.sql`update temper.users set active = false where username = 'svc.director'`;
    try {
      const id = await request("Gearbox overheating");
      const before = (await fx.as("admin")("GET", `/records/service_request/${id}`)).body.owner;
      const { owner, note } = await dispatch(id);
      expect(owner).toBe(before);
      expect(note).toMatch(
        /^No assignment rule found anyone \("agents": nobody available: .+ \(at capacity, 1 open\), .+ \(at capacity, 1 open\); "service director": nobody available: .+ \(inactive\)\); owner unchanged$/,
      );
    } finally {
      await fx.storage.sql`update temper.users set active = true where username = 'svc.director'`;
    }
  });

  it("is checked by the validator: conditions compile to booleans, pools are people rules, strategies are known", async () => {
    const { texts } = await crmWithCapacity([
      { name: "by region", when: "record.regoin == 'east'", pool: [agents] },
      { name: "by priority", when: "record.priority", pool: [agents] },
      { pool: [{ type: "team_of", params: {} }] },
      { pool: [agents], strategy: "random" },
    ]);
    const findings = validateDefinitionTexts(texts).findings.filter((f) => f.severity === "error");
    const at = "/states/new/on/assign/actions/0/params/rules";
    expect(findings.map((f) => [f.file, f.pointer, f.code])).toEqual([
      ["processes/service_request_sla.json", `${at}/3/strategy`, "params.invalid"],
    ]);
    const { texts: typed } = await crmWithCapacity([
      { name: "by region", when: "record.regoin == 'east'", pool: [agents] },
      { name: "by priority", when: "record.priority", pool: [agents] },
      { pool: [{ type: "team_of", params: {} }] },
    ]);
    const deeper = validateDefinitionTexts(typed).findings.filter((f) => f.severity === "error");
    expect(deeper.map((f) => [f.pointer, f.code])).toEqual([
      [`${at}/0/when`, "expression.type"],
      [`${at}/1/when`, "expression.result-type"],
      [`${at}/2/pool/0/type`, "ref.people"],
    ]);
  });
});
