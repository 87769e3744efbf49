import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../runtime/testing.ts";
import { runTemper } from "./testing.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("cli_process")), 120_000);
afterAll(() => fx?.close());

const temper = (...args: string[]) => runTemper([...args, "--workspace", "acme"], { DATABASE_URL: fx.database.url });
const usernameOf = (id: unknown) => [...fx.ids].find(([, userId]) => userId === id)![0];

async function customer(name: string): Promise<string> {
  const record = await fx.runtime
    .records(fx.context)
    .create(fx.system, "customer", { name, region: "east", owner: fx.ids.get("rep.e1") });
  return String(record.id);
}

describe("temper events, fire and process", () => {
  it("lists what a user may fire, fires it as them, and shows the process", async () => {
    const complaint = await fx.runtime.records(fx.context).create(fx.system, "complaint", {
      subject: "Spindle broke",
      customer: await customer("Hanwha Machinery"),
      description: "The spindle broke after a week.",
      severity: "major",
      category: "product_quality",
    });
    const id = String(complaint.id);
    const agent = usernameOf(complaint.owner);
    const other = agent === "agent1" ? "agent2" : "agent1";

    // Runs that change nothing go side by side: each is a process of its own.
    const [events, hidden, nobody] = await Promise.all([
      temper("events", "complaint", id, "--as", agent),
      temper("events", "complaint", id, "--as", other),
      temper("events", "complaint", id, "--as", "nobody"),
    ]);
    expect(events.code, events.stderr).toBe(0);
    const lines = events.stdout.split("\n");
    expect(lines[0]).toBe("complaint_escalation");
    expect(lines).toContain("  start_handling   available  (Start handling)");
    expect(lines).toContain(
      '  resolve          not available: "resolve" is not possible in state "open"  (Propose resolution)',
    );
    expect([hidden.code, hidden.stderr]).toEqual([1, `temper: no complaint "${id}"\n`]);
    expect(nobody.stderr).toBe('temper: --as nobody: no user "nobody" in "acme"\n');

    const fired = await temper("fire", "complaint", id, "start_handling", "--as", agent);
    expect(fired.stdout).toBe(
      `complaint ${id}: start_handling (complaint_escalation) open -> in_handling; instance version 2\n`,
    );
    const [notJson, noRight, notNow] = await Promise.all([
      temper("fire", "complaint", id, "resolve", "--data", "{nope", "--as", agent),
      temper("fire", "complaint", id, "resolve", "--data", '{"resolution": "x"}', "--as", "rep.e1"),
      temper("fire", "complaint", id, "confirm_closure", "--as", agent),
    ]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^temper: --data: not JSON \(.*\)\n$/);
    expect([noRight.code, noRight.stderr]).toEqual([1, `temper: no complaint "${id}"\n`]);
    expect(notNow.stderr).toBe('temper: "confirm_closure" is not possible in state "in_handling"\n');
    for (const run of [notJson, noRight, notNow]) expect(run.stderr).not.toMatch(/\n\s+at /);

    const [view, json] = await Promise.all([
      temper("process", "complaint", id),
      temper("process", "complaint", id, "--json", "--as", agent),
    ]);
    expect(view.code, view.stderr).toBe(0);
    expect(view.stdout).toMatch(
      /^complaint_escalation \(Complaint escalation\) on version 1\.0\.0: in_handling \(In handling\) since \S+, active, instance version 2\n {2}timeline:\n/,
    );
    expect(view.stdout).toMatch(/ {4}\S+ {2}start start {2}open {2}by system\n/);
    expect(view.stdout).toMatch(
      new RegExp(` {4}\\S+ {2}event start_handling {2}open -> in_handling {2}by ${agent}\\n`),
    );
    expect(view.stdout).toMatch(
      / {2}timers:\n {4}due \S+ {2}after xstate\.after\.P3D\.complaint_escalation\.in_handling\n/,
    );
    expect(JSON.parse(json.stdout).processes[0]).toMatchObject({ state: "in_handling", version: 2 });
  }, 120_000);
});

describe("temper tasks and decide", () => {
  it("takes a quote through its approval from the approvers' inboxes", async () => {
    const customerId = await customer("Hyosung Heavy");
    const records = fx.runtime.records(fx.context);
    const opportunity = await records.create(fx.system, "opportunity", {
      name: "Press line",
      customer: customerId,
      expected_close: "2026-06-30",
      owner: fx.ids.get("rep.e1"),
    });
    const quote = await records.create(fx.system, "quote", {
      number: "Q-100",
      name: "Press line quote",
      opportunity: opportunity.id,
      customer: customerId,
      subtotal: 100000,
      discount: 15,
      valid_until: "2026-05-31",
      owner: fx.ids.get("rep.e1"),
    });
    const id = String(quote.id);
    const submitted = await temper("fire", "quote", id, "submit", "--as", "rep.e1");
    expect(submitted.stdout).toBe(
      `quote ${id}: submit (quote_approval) draft -> pending_approval; instance version 2\n`,
    );

    const [none, inbox, unnamed] = await Promise.all([
      temper("tasks", "--as", "rep.e1"),
      temper("tasks", "--as", "mgr.east"),
      temper("tasks"),
    ]);
    expect(none.stdout).toBe("rep.e1 has no pending tasks\n");
    expect(inbox.stdout).toMatch(
      /^\S{36} {2}quote "Q-100" {2}Quote approval: Sales manager {2}submitted by rep\.e1, since \S+, times out \S+\n$/,
    );
    const task = inbox.stdout.slice(0, 36);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain("required option '--as <username>' not specified");

    const [reasonless, notTheirs, nowhere] = await Promise.all([
      temper("decide", task, "reject", "--as", "mgr.east"),
      temper("decide", task, "approve", "--as", "rep.e1"),
      temper("decide", task, "delegate", "--as", "mgr.east"),
    ]);
    expect([reasonless.code, reasonless.stderr]).toEqual([
      1,
      "comment: give the reason for rejecting\ntemper: a rejection needs a reason\n",
    ]);
    expect(notTheirs.stderr).toBe(`temper: no task "${task}" of yours\n`);
    expect(nowhere.stderr).toBe("temper: delegate: name the user with --to <username>\n");

    const delegated = await temper(
      "decide",
      task,
      "delegate",
      "--to",
      "director",
      "--comment",
      "you know them",
      "--as",
      "mgr.east",
    );
    expect(delegated.stdout).toBe(
      `delegated task ${task} to director: the approval is pending; quote_approval is in pending_approval\n`,
    );
    const director = await temper("tasks", "--as", "director");
    expect(director.stdout).toContain(
      'quote "Q-100"  Quote approval: Sales manager  from mgr.east, submitted by rep.e1',
    );
    const directorTask = director.stdout.slice(0, 36);
    const approved = await temper("decide", directorTask, "approve", "--comment", "fine", "--as", "director");
    expect(approved.stdout).toBe(
      `approved task ${directorTask}: the approval is approved; quote_approval is in approved\n`,
    );

    const view = await temper("process", "quote", id, "--as", "rep.e1");
    expect(view.stdout).toContain("quote_approval (Quote approval) on version 1.0.0: approved (Approved)");
    expect(view.stdout).toContain("    pending_approval: approved at level manager, submitted by rep.e1\n");
    expect(view.stdout).toContain(`      mgr.east (manager): delegated "you know them"  task ${task}\n`);
    expect(view.stdout).toContain(`      director (manager): approved "fine"  task ${directorTask}\n`);
  }, 120_000);

  it("has --help with examples", async () => {
    const commands = ["events", "fire", "process", "tasks", "decide"];
    const runs = await Promise.all(commands.map((command) => runTemper([command, "--help"])));
    runs.forEach((run, index) => {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: temper ${commands[index]}`);
      expect(run.stdout).toContain(`pnpm temper ${commands[index]} `);
    });
  });
});
