import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { type Definition, loadDefinition, type Process } from "../definitions/index.ts";
import { installedPlugins } from "../plugins/installed.ts";
import { simulatedSteps } from "../plugins/simulate.ts";
import { formatSimulation, type SimulationEntry, type SimulationScript, simulate as simulateWith } from "./simulate.ts";

const crm = new URL("../../../definitions/examples/crm/", import.meta.url);
const example = async (name: string) =>
  JSON.parse(await readFile(new URL(`simulations/${name}.json`, crm), "utf8")) as SimulationScript;

const service = {
  start: "2026-03-02T09:00:00Z",
  units: [{ code: "service" }, { code: "service_center", parent: "service" }],
  users: [
    { username: "svc.director", roles: ["executive"], unit: "service" },
    { username: "supervisor", roles: ["service_supervisor"], unit: "service_center", manager: "svc.director" },
    { username: "agent1", roles: ["service_agent"], unit: "service_center", manager: "supervisor" },
    { username: "rep", roles: ["sales_rep"] },
  ],
  as: "supervisor",
  record: { subject: "Broken pump", severity: "major", category: "quality", description: "Leaks" },
} satisfies Omit<SimulationScript, "steps">;

const sales = {
  start: "2026-03-02T09:00:00Z",
  units: [{ code: "sales" }, { code: "east_sales", parent: "sales" }],
  users: [
    { username: "vp", roles: ["vp_sales"], unit: "sales" },
    { username: "director", roles: ["sales_director"], unit: "sales", manager: "vp" },
    { username: "mgr.east", roles: ["sales_manager"], unit: "east_sales", manager: "director" },
    { username: "mgr.b", roles: ["sales_manager"], unit: "east_sales", manager: "director" },
    { username: "mgr.c", roles: ["sales_manager"], unit: "east_sales", manager: "director" },
    { username: "rep.e1", roles: ["sales_rep"], unit: "east_sales", manager: "mgr.east" },
  ],
  as: "rep.e1",
  record: { number: "Q-1", name: "Pumps", subtotal: 1000, discount: 25, valid_until: "2026-04-01" },
} satisfies Omit<SimulationScript, "steps">;

const of = <K extends SimulationEntry["kind"]>(entries: SimulationEntry[], kind: K) =>
  entries.filter((e): e is Extract<SimulationEntry, { kind: K }> => e.kind === kind);

/** The CRM with quote_approval's approval changed. */
function withQuoteApproval(definition: Definition, change: (approval: Record<string, unknown>) => void): Definition {
  const process = structuredClone(definition.processes.get("quote_approval")!) as Process;
  change(process.states.pending_approval!.approval as unknown as Record<string, unknown>);
  return { ...definition, processes: new Map(definition.processes).set("quote_approval", process) };
}

describe("simulating a process", async () => {
  const { definition } = await loadDefinition(crm.pathname);
  if (!definition) throw new Error("the reference CRM does not load");
  // The CRM's plugins' transaction steps (assignment) run in the simulation, as `temper simulate` runs them.
  const simulate: typeof simulateWith = (of, process, script, options = {}) =>
    simulateWith(of, process, script, { steps: simulatedSteps(installedPlugins(), of), ...options });

  it("runs the complaint example: escalations at 24 h and 72 h, then handling, resolution and closure", async () => {
    const result = await simulate(definition, "complaint_escalation", await example("complaint_escalation"));
    expect(result.problems).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.state).toBe("closed");
    expect(of(result.entries, "state").map((e) => [e.at, e.from, e.to])).toEqual([
      ["2026-03-02T09:00:00.000Z", null, "open"],
      ["2026-03-03T09:00:00.000Z", "open", "escalated_supervisor"],
      ["2026-03-05T09:00:00.000Z", "escalated_supervisor", "escalated_director"],
      ["2026-03-05T10:00:00.000Z", "escalated_director", "in_handling"],
      ["2026-03-05T10:00:00.000Z", "in_handling", "awaiting_confirmation"],
      ["2026-03-05T10:00:00.000Z", "awaiting_confirmation", "closed"],
    ]);
    const toDirector = of(result.entries, "notify").find((n) =>
      n.message.startsWith("Complaint escalated to the director"),
    );
    expect(toDirector?.to).toEqual(["svc.director", "supervisor", "agent2"]);
    expect(result.record).toMatchObject({ status: "closed", escalation_level: 2, owner: "agent2" });
  });

  it("fires the timers that fall due in one jump in due order, each logged", async () => {
    const result = await simulate(definition, "complaint_escalation", { ...service, steps: [{ advance: "P4D" }] });
    const fired = of(result.entries, "timer").filter((t) => t.action === "fired");
    expect(fired.map((t) => [t.at, t.label])).toEqual([
      ["2026-03-03T09:00:00.000Z", "after PT24H in open"],
      ["2026-03-05T09:00:00.000Z", "after PT48H in escalated_supervisor"],
    ]);
    expect(result.state).toBe("escalated_director");
    expect(of(result.entries, "script")[0]?.text).toBe("advance P4D to 2026-03-06 09:00");
  });

  it("fails on an expectation that does not hold, naming the step, and goes on", async () => {
    const result = await simulate(definition, "complaint_escalation", {
      ...service,
      steps: [{ advance: "PT2H" }, { expect: { state: "escalated_supervisor" } }, { expect: { state: "open" } }],
    });
    expect(result.passed).toBe(false);
    expect(of(result.entries, "expect").map((e) => [e.step, e.passed, e.message])).toEqual([
      [2, false, "expected state escalated_supervisor, but it is open"],
      [3, true, "state open"],
    ]);
    expect(formatSimulation(result).at(-1)).toBe(
      "failed at step 2: expected state escalated_supervisor, but it is open",
    );
  });

  it("stops at an event that is refused unless the script expects the refusal", async () => {
    const result = await simulate(definition, "complaint_escalation", {
      ...service,
      steps: [
        { event: "confirm_closure", as: "agent1", refused: true },
        { event: "start_handling", as: "rep" },
        { advance: "P9D" },
      ],
    });
    expect(result.passed).toBe(false);
    expect(of(result.entries, "expect")[0]).toMatchObject({ step: 1, passed: true });
    expect(of(result.entries, "error")).toEqual([
      expect.objectContaining({
        step: 2,
        message: 'rep (roles: sales_rep) may not fire "start_handling" of complaint_escalation',
      }),
    ]);
    expect(result.state).toBe("open");
  });

  it("runs the quote example: manager, then director, with the timeout escalating to the VP", async () => {
    const result = await simulate(definition, "quote_approval", await example("quote_approval"));
    expect(result.passed).toBe(true);
    const approvals = of(result.entries, "approval").map((a) => [
      a.action,
      a.level ?? null,
      a.by ?? a.approvers ?? null,
    ]);
    expect(approvals).toEqual([
      ["started", null, "rep.e1"],
      ["assigned", "manager", ["mgr.east"]],
      ["approve", "manager", "mgr.east"],
      ["assigned", "director", ["director"]],
      ["timeout", "director", null],
      ["assigned", "director", ["vp"]],
      ["approve", "director", "director"],
      ["approved", null, null],
    ]);
    expect(of(result.entries, "notify").find((n) => n.reason === "reminder")).toMatchObject({
      at: "2026-03-11T13:00:00.000Z",
      to: ["rep.e1"],
    });
  });

  it("rejects with the reason, and refuses a decision from someone the approval does not wait for", async () => {
    const rejected = await simulate(definition, "quote_approval", {
      ...sales,
      steps: [
        { event: "submit" },
        { approve: { as: "mgr.east" } },
        { reject: { as: "director", comment: "too low" } },
        { expect: { state: "rejected", approvers: [] } },
      ],
    });
    expect(rejected.passed).toBe(true);
    expect(of(rejected.entries, "approval").at(-1)).toMatchObject({ action: "rejected", comment: "too low" });
    const wrong = await simulate(definition, "quote_approval", {
      ...sales,
      steps: [{ event: "submit" }, { approve: { as: "director" } }],
    });
    expect(of(wrong.entries, "error")[0]?.message).toBe(
      'director has no pending task in the approval of "pending_approval"; it waits for mgr.b, mgr.c, mgr.east',
    );
  });

  it("tallies a quorum level, and a level's timeout can reject", async () => {
    const quorum = withQuoteApproval(definition, (approval) => {
      (approval.levels as Array<Record<string, unknown>>)[0] = {
        ...(approval.levels as Array<Record<string, unknown>>)[0],
        mode: "quorum",
        quorum: 2,
      };
      approval.timeout = { after: "P1D", then: "reject" };
    });
    const result = await simulate(quorum, "quote_approval", {
      ...sales,
      steps: [
        { event: "submit" },
        { approve: { as: "mgr.east" } },
        { reject: { as: "mgr.b", comment: "no" } },
        { expect: { approvers: ["mgr.c"] } },
        { approve: { as: "mgr.c" } },
        { expect: { approvers: ["director"] } },
        { advance: "P1D" },
        { expect: { state: "rejected" } },
      ],
    });
    expect(result.passed).toBe(true);
    expect(of(result.entries, "approval").at(-1)).toMatchObject({ action: "rejected", comment: "timed out" });
  });

  it("returns to the submitter, and delegates to another user", async () => {
    const result = await simulate(definition, "quote_approval", {
      ...sales,
      steps: [
        { event: "submit" },
        { delegate: { as: "mgr.east", to: "director" } },
        { expect: { approvers: ["mgr.b", "mgr.c", "director"] } },
        { return: { as: "director", comment: "add the freight" } },
        { expect: { state: "draft", approvers: [] } },
      ],
    });
    expect(result.passed).toBe(true);
  });

  it("creates linked records and cancels reminders as the runtime's steps do", async () => {
    const result = await simulate(definition, "lead_conversion", {
      start: "2026-03-02T09:00:00Z",
      units: [{ code: "east_sales" }],
      users: [
        { username: "rep.e1", roles: ["sales_rep"], unit: "east_sales" },
        { username: "rep.e2", roles: ["sales_rep"], unit: "east_sales" },
      ],
      record: {
        ...{ name: "Pumps", company_name: "Hanwha", contact_name: "Lee", job_title: "Buyer", description: "40 pumps" },
        ...{ source: "website", region: "east", industry: "machinery", estimated_amount: 5000 },
        ...{ email: "lee@example.com", phone: "+82 2 555 0100" },
      },
      steps: [
        { advance: "PT25H" },
        { event: "contact", as: "rep.e1" },
        { event: "qualify", as: "rep.e1" },
        { event: "convert", as: "rep.e1" },
        {
          expect: {
            state: "converted",
            fields: { owner: "rep.e1", converted_customer: "new-customer-1", converted_contact: "new-contact-1" },
          },
        },
      ],
    });
    expect(result.passed).toBe(true);
    const timers = of(result.entries, "timer").filter((t) => t.timer === "reminder");
    expect(timers.map((t) => [t.action, t.key])).toEqual([
      ["set", "reminder.first_contact"],
      ["set", "reminder.first_contact_escalation"],
      ["fired", "reminder.first_contact"],
      ["cancelled", "reminder.first_contact_escalation"],
    ]);
  });

  it("refuses an invalid script, naming each step and what is wrong, and runs nothing", async () => {
    const result = await simulate(definition, "complaint_escalation", {
      start: "2026-03-02T09:00:00Z",
      users: [{ username: "agent1", roles: ["service_agent"] }],
      steps: [{ advance: "PT25" }, { event: "resolve", bogus: 1 }, { foo: 1 }, { reject: { as: "agent1" } }],
    });
    expect(result).toMatchObject({ passed: false, entries: [] });
    expect(result.problems).toEqual([
      'step 1 (advance): advance "PT25" is not a duration such as PT24H, P3D or P1M',
      'step 2 (event): unknown property "bogus"',
      "step 3: names no step: give one of event, advance, until, set, approve, reject, return, delegate, expect",
      'step 4 (reject): missing "reject.comment"',
    ]);
    const references = await simulate(definition, "complaint_escalation", {
      start: "2026-03-02T09:00:00Z",
      users: [{ username: "agent1" }],
      record: { subjct: "x" },
      steps: [
        { event: "resolv", as: "agent1" },
        { event: "resolve" },
        { expect: { state: "shut" } },
        { set: { total: 1 } },
      ],
    });
    expect(references.problems).toEqual([
      'record: complaint has no field "subjct"; did you mean "subject"?',
      'step 1 (event): process "complaint_escalation" has no event "resolv"; did you mean "resolve"?',
      'step 2 (event): the data of "resolve" is invalid: "resolution" is required',
      'step 3 (expect): process "complaint_escalation" has no state "shut"',
      'step 4 (set): complaint has no field "total"',
    ]);
  });

  it("formats the log as lines: script steps, what happened with its time, the verdict", async () => {
    const result = await simulate(definition, "complaint_escalation", {
      ...service,
      steps: [{ advance: "PT25H", note: "nobody" }, { expect: { state: "escalated_supervisor" } }],
    });
    const lines = formatSimulation(result);
    expect(lines).toContain("step 1: advance PT25H to 2026-03-03 10:00 — nobody");
    expect(lines).toContain("  2026-03-03 09:00  state    open → escalated_supervisor (timer, by system)");
    expect(lines.at(-1)).toBe('passed: 1 expectation held; the process is in "escalated_supervisor"');
  });
});
