import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VisibleProcess } from "../../permissions/visible-process.ts";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
beforeAll(async () => (fixture = await openApiFixture("api_process_definitions")), 60_000);
afterAll(() => fixture?.close());

async function processAs(username: string, name: string): Promise<{ status: number; body: VisibleProcess }> {
  const response = await fixture.as(username)("GET", `/processes/${name}`);
  return { status: response.status, body: (await response.json()) as VisibleProcess };
}

describe("GET /processes/:name", () => {
  it("gives the states in order, where each event leads, and what the user may fire", async () => {
    const { status, body } = await processAs("rep.e1", "opportunity_pipeline");
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "opportunity_pipeline", entity: "opportunity", stateField: "stage" });
    expect(body.initial).toBe("prospecting");
    // The order a record goes through them, final states last.
    const names = body.states.map((s) => s.name);
    expect(names.slice(0, 5)).toEqual(["prospecting", "qualification", "needs_analysis", "proposal", "negotiation"]);
    expect(names.slice(5).sort()).toEqual(["lost", "won"]);
    const analysis = body.states.find((s) => s.name === "needs_analysis")!;
    expect(analysis.label.zh).toBe("方案分析");
    expect(analysis.transitions).toHaveLength(3);
    expect(analysis.transitions).toEqual(
      expect.arrayContaining([
        { event: "propose", targets: ["proposal"] },
        { event: "move_back", targets: ["qualification"] },
        { event: "lose", targets: ["lost"] },
      ]),
    );
    expect(body.states.find((s) => s.name === "won")).toMatchObject({ final: true, approval: false, transitions: [] });
    const lose = body.events.find((e) => e.name === "lose")!;
    expect(lose.mayFire).toBe(true);
    expect(lose.data).toMatchObject({ required: ["reason"] });
    // No guard, step or timer leaves the engine: a client needs where events lead, not how they decide.
    expect(JSON.stringify(body)).not.toMatch(/record\.amount|set_fields|P30D/);
  });

  it("lists every target of guarded transitions and marks approval states", async () => {
    const { body } = await processAs("rep.e1", "quote_approval");
    const draft = body.states.find((s) => s.name === "draft")!;
    expect(draft.transitions).toContainEqual({ event: "submit", targets: ["pending_approval", "approved"] });
    const pending = body.states.find((s) => s.name === "pending_approval")!;
    expect(pending).toMatchObject({ approval: true, final: false });
    // Its levels in order, with their labels: a client names the level a decision was made at.
    expect(pending.levels?.map((l) => l.name)).toEqual(["manager", "director", "vp"]);
    expect(pending.levels?.[0]?.label).toMatchObject({ en: "Sales manager", zh: "销售经理审批" });
    expect(draft).not.toHaveProperty("levels");
    // An approval's outcomes lead on too: rejected comes after the approval that rejects.
    expect(body.states.filter((s) => !s.final).map((s) => s.name)).toEqual([
      "draft",
      "pending_approval",
      "approved",
      "rejected",
      "sent",
      "expired",
    ]);
  });

  it("says which events the user's roles may not fire", async () => {
    const { status, body } = await processAs("rep.e1", "complaint_escalation");
    expect(status).toBe(200);
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.events.every((e) => e.mayFire === false)).toBe(true);
    const exec = await processAs("exec", "complaint_escalation");
    expect(exec.body.events.every((e) => e.mayFire)).toBe(true);
  });

  it("answers 404 for a process of records the user may not read, or none at all", async () => {
    expect((await processAs("agent", "opportunity_pipeline")).status).toBe(404);
    expect((await processAs("rep.e1", "no_such_process")).status).toBe(404);
    expect((await fixture.api.request("/api/v1/processes/quote_approval")).status).toBe(401);
  });

  it("is in the OpenAPI document, with the calendar's timers", async () => {
    const document = (await (await fixture.as("rep.e1")("GET", "/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths["/processes/{name}"]!)).toContain("get");
    expect(Object.keys(document.paths["/timers"]!)).toContain("get");
  });
});
