import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDefinitionFolder } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { personOrThrow } from "../org/directory.ts";
import { userActor } from "../org/actors.ts";
import { installPlugins, pluginsOfFolder } from "../plugins/install.ts";
import type { Actor, RecordService, WorkspaceContext } from "../records/service.ts";
import type { RecordData } from "../records/values.ts";
import { createRuntime } from "../runtime/index.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { signIn } from "../users/service.ts";
import { demoLogins, demoPassword, demoPeople } from "./org-chart.ts";
import { type DemoSeedReport, seedDemo } from "./seed-demo.ts";

let database: TestDatabase;
let storage: Storage;
let report: DemoSeedReport;
let context: WorkspaceContext;
let records: RecordService;
const people = new Map<string, Actor>();

beforeAll(async () => {
  database = await createTestDatabase("seed");
  storage = await openStorage(database.url, { max: 6 });
  await createWorkspace(storage, "demo");
  const crm = new URL("../../../definitions/examples/crm", import.meta.url).pathname;
  const { texts } = await readDefinitionFolder(crm);
  await installPlugins(await pluginsOfFolder(crm));
  await publishDefinition(storage, { workspaceId: "demo", texts, publishedBy: "test" });
  report = await seedDemo(storage, "demo");
  context = { workspaceId: "demo", schema: "ws_demo", definition: (await currentVersion(storage, "demo"))!.definition };
  records = createRuntime({ storage }).records(context);
  for (const p of demoPeople)
    people.set(p.username, (await userActor(storage.sql, "demo", { username: p.username }))!.actor);
}, 300_000);
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

/** Every record of an entity the actor may read, page after page. */
async function readAll(actor: Actor, entity: string): Promise<RecordData[]> {
  const all: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await records.list(actor, entity, { limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function countBy(entity: string, field: string): Promise<Map<string, number>> {
  const rows = await storage.sql<Array<{ value: string; n: number }>>`select ${storage.sql(field)}::text as value,
    count(*)::int as n from ${storage.sql("ws_demo")}.${storage.sql(entity)} group by 1`;
  return new Map(rows.map((r) => [r.value, r.n]));
}

const optionsOf = (entity: string, field: string) => {
  const found = context.definition.entities.get(entity)!.fields.find((f) => f.name === field)!;
  return found.type === "enum" ? found.options.map((o) => o.value) : [];
};

describe("the demo seed", () => {
  it("places the demo logins in the org, each signing in with the demo password", async () => {
    const expected: Record<string, { unit: string; manager: string | null; roles: string[] }> = {
      admin: { unit: "it", manager: "exec", roles: ["administrator"] },
      exec: { unit: "company", manager: null, roles: ["executive"] },
      vp: { unit: "sales", manager: "exec", roles: ["vp_sales"] },
      director: { unit: "north_east_region", manager: "vp", roles: ["sales_director"] },
      manager: { unit: "east_sales", manager: "director", roles: ["sales_manager"] },
      rep: { unit: "east_sales", manager: "manager", roles: ["sales_rep"] },
      supervisor: { unit: "service_center", manager: "guo.hua", roles: ["service_supervisor"] },
      agent: { unit: "service_center", manager: "supervisor", roles: ["service_agent"] },
      finance: { unit: "finance_dept", manager: "exec", roles: ["finance"] },
    };
    expect(Object.keys(expected)).toEqual(demoLogins);
    for (const [username, place] of Object.entries(expected)) {
      const person = await personOrThrow(storage, "demo", username);
      expect({ unit: person.unit, manager: person.manager, roles: person.roles }, username).toEqual(place);
      expect(person.active).toBe(true);
      await expect(signIn(storage, { workspace: "demo", username, password: demoPassword })).resolves.toBeTruthy();
    }
  });

  it("lets a rep leave: deactivated, their records with their successor, passed over by lead assignment", async () => {
    const leaver = await personOrThrow(storage, "demo", "sun.hao");
    expect(leaver.active).toBe(false);
    const owned = await storage.sql`select 1 from ws_demo.customer where owner = ${leaver.id}`;
    expect(owned).toHaveLength(0);
    const [handover] = await storage.sql<[{ at: Date }]>`select at from temper.audit_log
      where workspace_id = 'demo' and action = 'user.handover'`;
    const after = await storage.sql<Array<{ owner: string }>>`select l.owner from ws_demo.lead l
      join temper.process_instances i on i.record_id = l.id
      where l.region = 'east' and i.started_at > ${handover!.at}`;
    expect(after.length).toBeGreaterThan(0);
    const stayed = await Promise.all(["rep", "wang.fang", "xu.jing"].map((u) => personOrThrow(storage, "demo", u)));
    expect(new Set(after.map((l) => l.owner))).toEqual(new Set(stayed.map((p) => p.id)));
  });

  it("makes hundreds of customers and the records of a few months, dated over those months", async () => {
    const n = report.records;
    expect(n.customer).toBeGreaterThanOrEqual(270);
    expect(n.customer).toBeLessThanOrEqual(340);
    expect(n.contact).toBeGreaterThanOrEqual(n.customer!);
    expect(n.contact).toBeLessThanOrEqual(3 * n.customer!);
    expect(n.product).toBe(25);
    for (const [entity, at] of Object.entries({
      lead: 80,
      opportunity: 100,
      quote: 50,
      quote_line: 50,
      contract: 20,
      payment_plan: 15,
      payment: 40,
      service_request: 50,
      complaint: 25,
      activity: 800,
      schedule_item: 100,
      sales_plan: 50,
      campaign: 5,
    }))
      expect(n[entity], entity).toBeGreaterThanOrEqual(at);
    expect(report.outcome.timersFired).toBeGreaterThan(100);
    expect(report.outcome.timersFailed).toBe(0);
    const [span] = await storage.sql<[{ first: Date; last: Date }]>`select min(created_at) as first,
      max(created_at) as last from ws_demo.lead`;
    expect(report.end.getTime() - span!.first.getTime()).toBeGreaterThan(60 * 86_400_000);
    expect(span!.last.getTime()).toBeLessThanOrEqual(report.end.getTime() + 60_000);
  });

  it("has leads in every stage of lead conversion and opportunities in every stage of the pipeline", async () => {
    const leads = await countBy("lead", "stage");
    for (const stage of optionsOf("lead", "stage")) expect(leads.get(stage), `leads ${stage}`).toBeGreaterThan(0);
    const deals = await countBy("opportunity", "stage");
    for (const stage of optionsOf("opportunity", "stage"))
      expect(deals.get(stage), `opportunities ${stage}`).toBeGreaterThan(0);
  });

  it("leaves quotes waiting for approval in the manager's and the director's inboxes", async () => {
    expect((await countBy("quote", "status")).get("pending_approval")).toBeGreaterThan(0);
    const runtime = createRuntime({ storage });
    const inbox = await runtime.tasks.inbox(people.get("manager")!, context);
    expect(inbox.filter((t) => t.entity === "quote").length).toBeGreaterThanOrEqual(2);
    const director = await runtime.tasks.inbox(people.get("director")!, context);
    expect(director.length).toBeGreaterThan(0);
  });

  it("has overdue payments, escalated complaints and annotated visits", async () => {
    expect((await countBy("payment", "status")).get("overdue")).toBeGreaterThan(0);
    const complaints = await countBy("complaint", "status");
    expect((complaints.get("escalated_supervisor") ?? 0) + (complaints.get("escalated_director") ?? 0)).toBeGreaterThan(
      0,
    );
    const [escalated] = await storage.sql<[{ n: number }]>`select count(*)::int as n from temper.process_events e
      join temper.process_instances i on i.id = e.instance_id
      where i.workspace_id = 'demo' and i.entity = 'complaint' and e.kind = 'timer'`;
    expect(escalated!.n).toBeGreaterThan(0);
    const [annotated] = await storage.sql<[{ n: number }]>`select count(*)::int as n from ws_demo.activity
      where manager_annotation is not null`;
    expect(annotated!.n).toBeGreaterThan(0);
    const [notes] = await storage.sql<
      [{ n: number }]
    >`select count(*)::int as n from temper.annotations where workspace_id = 'demo'`;
    expect(notes!.n).toBeGreaterThan(0);
  });

  it("shows a rep only their own customers, a manager their team's, an executive all of them", async () => {
    const rep = people.get("rep")!;
    const mine = await readAll(rep, "customer");
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.owner === rep.id)).toBe(true);
    const team = await storage.sql<Array<{ id: string }>>`select u.id from temper.users u
      join temper.org_units ou on ou.id = u.org_unit_id where ou.code = 'east_sales'`;
    const teamIds = new Set(team.map((t) => t.id));
    const theirs = await readAll(people.get("manager")!, "customer");
    expect(theirs.length).toBeGreaterThan(mine.length);
    expect(theirs.every((c) => teamIds.has(String(c.owner)))).toBe(true);
    const [east] = await storage.sql<[{ n: number }]>`select count(*)::int as n from ws_demo.customer
      where owner = any(${[...teamIds]}::uuid[])`;
    expect(theirs).toHaveLength(east!.n);
    expect(await readAll(people.get("exec")!, "customer")).toHaveLength(report.records.customer!);
  });

  it("refuses to seed the workspace again", async () => {
    await expect(seedDemo(storage, "demo")).rejects.toThrow(EngineError);
    await expect(seedDemo(storage, "demo")).rejects.toThrow(/seeded already/);
  });
});
