import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pluginTypes } from "../../../engine/src/cli/plugin.ts";
import { validateDefinitionTexts } from "../../../engine/src/definitions/index.ts";
import { referenceCrmWith } from "../../../engine/src/plugins/testing.ts";
import type { Actor, WorkspaceContext } from "../../../engine/src/records/service.ts";
import { manualClock } from "../../../engine/src/runtime/clock.ts";
import { createRuntime, type Runtime } from "../../../engine/src/runtime/index.ts";
import { openStorage, type Storage } from "../../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../../engine/src/storage/testing.ts";
import { currentVersion } from "../../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../../engine/src/storage/workspaces.ts";

/** The reference CRM with the plugin enabled: a greeting on qualifying, the guard on winning. */
async function definitionTexts(greeting: string) {
  return referenceCrmWith(["hello"], (path, json) => {
    if (path === "processes/opportunity_pipeline.json") {
      json.states.prospecting.on.qualify = {
        target: "qualification",
        actions: [{ type: "hello.greet", params: { text: greeting } }],
      };
      json.states.negotiation.on.win.guard = { type: "hello.big_deal", params: { over: 1_000_000 } };
    }
  });
}

let database: TestDatabase;
let storage: Storage;
let runtime: Runtime;
let context: WorkspaceContext;
let system: Actor;

beforeAll(async () => {
  // Loaded as an engine loads it: by name, from the workspace's packages.
  const { texts, plugins } = await definitionTexts("Welcome");
  database = await createTestDatabase("plugin_hello");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  await publishDefinition(storage, {
    workspaceId: "acme",
    texts,
    publishedBy: "cli:test",
  });
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  runtime = createRuntime({ storage, clock: manualClock(new Date("2026-03-02T09:00:00Z")), plugins });
}, 120_000);
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("the hello plugin", () => {
  it("types its params with the TypeScript generated from its schemas (`temper plugin types hello`)", async () => {
    const written = await readFile(new URL("./generated/types.ts", import.meta.url), "utf8");
    expect(written).toBe(await pluginTypes("hello"));
  });

  it("is checked by the validator: a call with params its schema refuses names the pointer", async () => {
    const result = validateDefinitionTexts((await definitionTexts("")).texts);
    expect(result.findings.filter((f) => f.severity === "error").map((f) => [f.file, f.pointer])).toEqual([
      ["processes/opportunity_pipeline.json", "/states/prospecting/on/qualify/actions/0/params/text"],
    ]);
  });

  it("greets on the timeline when an opportunity is qualified, and guards winning by the amount", async () => {
    const records = runtime.records(context);
    const customer = await records.create(system, "customer", { name: "Doosan", region: "east" });
    const small = await records.create(system, "opportunity", {
      name: "Spare parts",
      customer: customer.id,
      amount: 500_000,
      expected_close: "2026-06-30",
    });
    const id = String(small.id);
    await runtime.events.fire(system, context, "opportunity", id, { type: "qualify" });
    const [view] = await runtime.process(system, context, "opportunity", id);
    expect(view!.timeline.find((e) => e.kind === "note")?.data).toEqual({ text: "Welcome, Spare parts" });
    for (const event of ["analyze_needs", "propose", "negotiate"])
      await runtime.events.fire(system, context, "opportunity", id, { type: event });
    await expect(runtime.events.fire(system, context, "opportunity", id, { type: "win" })).rejects.toMatchObject({
      code: "guard_failed",
    });
    await records.update(
      system,
      "opportunity",
      id,
      { amount: 2_000_000 },
      Number((await records.get(system, "opportunity", id)).version),
    );
    expect((await runtime.events.fire(system, context, "opportunity", id, { type: "win" })).state).toBe("won");
  });
});
