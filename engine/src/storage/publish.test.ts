import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDefinitionFolder, type DefinitionText } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { openStorage, type Storage } from "./platform/database.ts";
import { describeAction } from "./entity-tables/sql.ts";
import { publishDefinition } from "./publish.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";
import { currentVersion } from "./versions.ts";
import { createWorkspace } from "./workspaces.ts";

const crm = (await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname)).texts;

let latest = crm;

/** The latest texts with one more change: each test's definition builds on the one before. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function changed(path: string, change: (json: any) => void, version: string): DefinitionText[] {
  latest = latest.map((t) => {
    const json = JSON.parse(t.text);
    if (t.path === path) change(json);
    if (t.path === "app.json") json.version = version;
    return { path: t.path, text: JSON.stringify(json) };
  });
  return latest;
}

let database: TestDatabase;
let storage: Storage;
let systemUser: string;

beforeAll(async () => {
  database = await createTestDatabase("publish");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  [{ id: systemUser }] = await storage.sql<[{ id: string }]>`select id from temper.users where workspace_id = 'acme'`;
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

const columns = (table: string) =>
  storage.sql`select column_name, data_type, is_nullable from information_schema.columns where table_schema = 'ws_acme' and table_name = ${table} order by ordinal_position`;

describe("publishDefinition", () => {
  it("creates a table per entity with system columns, foreign keys and indexes", async () => {
    const outcome = await publishDefinition(storage, { workspaceId: "acme", texts: crm, publishedBy: "cli:test" });
    expect(outcome.status).toBe("published");
    expect(outcome.plan.filter((a) => a.kind === "create_table")).toHaveLength(16);
    const customer = await columns("customer");
    expect(customer.slice(0, 7).map((c) => c.column_name)).toEqual([
      "id",
      "owner",
      "created_at",
      "created_by",
      "updated_at",
      "updated_by",
      "version",
    ]);
    expect(customer.find((c) => c.column_name === "annual_revenue")?.data_type).toBe("numeric");
    const [parent] = await storage.sql`
      select confrelid::regclass::text as target from pg_constraint
      where conrelid = 'ws_acme.customer'::regclass and contype = 'f' and conname = 'customer_parent_fkey'`;
    expect(parent?.target).toBe("ws_acme.customer");
    const indexes =
      await storage.sql`select indexname, indexdef from pg_indexes where schemaname = 'ws_acme' and tablename = 'customer'`;
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        "customer_owner_idx",
        "customer_updated_at_id_idx",
        "customer_parent_idx",
        "customer_name_trgm",
      ]),
    );
    expect(indexes.find((i) => i.indexname === "customer_name_trgm")?.indexdef).toContain("gin_trgm_ops");
    expect(indexes.find((i) => i.indexname === "customer_owner_idx")?.indexdef).toContain(
      "(owner, updated_at DESC, id DESC)",
    );
  });

  it("keeps the order in which the definition declares a process's states and events", async () => {
    const stored = (await currentVersion(storage, "acme"))!.definition.processes.get("opportunity_pipeline")!;
    const declared = JSON.parse(crm.find((t) => t.path === "processes/opportunity_pipeline.json")!.text);
    expect(Object.keys(stored.states)).toEqual(Object.keys(declared.states));
    expect(Object.keys(stored.events ?? {})).toEqual(Object.keys(declared.events ?? {}));
    expect(Object.keys(stored.states)).not.toEqual([...Object.keys(declared.states)].sort());
  });

  it("publishing the same bundle again changes nothing", async () => {
    const [{ count: before }] = await storage.sql<
      [{ count: number }]
    >`select count(*)::int from temper.definition_versions`;
    const outcome = await publishDefinition(storage, { workspaceId: "acme", texts: crm, publishedBy: "cli:test" });
    expect(outcome).toMatchObject({ status: "unchanged", plan: [] });
    const [{ count: after }] = await storage.sql<
      [{ count: number }]
    >`select count(*)::int from temper.definition_versions`;
    expect(after).toBe(before);
  });

  it("adds a field in place, keeping existing rows", async () => {
    await storage.sql`insert into ws_acme.customer (owner, created_by, updated_by, name, region, status) values (${systemUser}, ${systemUser}, ${systemUser}, 'Hanwha Machinery', 'east', 'active')`;
    const texts = changed(
      "entities/customer.json",
      (c) =>
        c.fields.push({
          name: "vip",
          type: "boolean",
          label: { en: "VIP", zh: "贵宾", ko: "VIP" },
          required: true,
          default: false,
        }),
      "1.1.0",
    );
    const outcome = await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
    expect(outcome.plan.map(describeAction)).toEqual([
      "add field customer.vip (boolean)",
      "make customer.vip required (empty values become false)",
    ]);
    expect(await storage.sql`select name, vip from ws_acme.customer`).toEqual([
      { name: "Hanwha Machinery", vip: false },
    ]);
  });

  it("refuses a version number used before, saying whether its content is the same or other", async () => {
    const back = publishDefinition(storage, { workspaceId: "acme", texts: crm, publishedBy: "cli:test" });
    await expect(back).rejects.toThrow(
      'version 1.0.0 was published before with this content, and 1.1.0 came after it; to return to it, publish it under a new "version" in app.json',
    );
    const other = crm.map((t) => (t.path === "app.json" ? { ...t, text: t.text.replace(/"Industrial/, '"Heavy') } : t));
    expect(other).not.toEqual(crm);
    await expect(
      publishDefinition(storage, { workspaceId: "acme", texts: other, publishedBy: "cli:test" }),
    ).rejects.toThrow('version 1.0.0 was already published with other content; raise "version" in app.json');
    expect((await currentVersion(storage, "acme"))?.version).toBe("1.1.0");
  });

  it("refuses to drop a field without --allow-destructive, and changes nothing; applies it when allowed", async () => {
    const texts = changed("entities/customer.json", (c) => c.fields.pop(), "1.2.0");
    const attempt = publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
    await expect(attempt).rejects.toMatchObject({
      code: "migration_refused",
      message: expect.stringContaining('drops the field "customer.vip"'),
    });
    expect((await columns("customer")).some((c) => c.column_name === "vip")).toBe(true);
    const current = () =>
      storage.sql<
        [{ version: string }]
      >`select v.version from temper.workspaces w join temper.definition_versions v on v.id = w.current_version_id`;
    expect((await current())[0].version).toBe("1.1.0");
    const allowed = await publishDefinition(storage, {
      workspaceId: "acme",
      texts,
      publishedBy: "cli:test",
      allowDestructive: true,
    });
    expect(allowed.plan.map(describeAction)).toEqual(["drop field customer.vip"]);
    expect((await columns("customer")).some((c) => c.column_name === "vip")).toBe(false);
    expect((await current())[0].version).toBe("1.2.0");
  });

  it("a dry run plans and checks, then rolls back", async () => {
    const texts = changed(
      "entities/contact.json",
      (c) => c.fields.push({ name: "wechat", type: "text", label: { en: "WeChat", zh: "微信", ko: "위챗" } }),
      "1.3.0",
    );
    const outcome = await publishDefinition(storage, {
      workspaceId: "acme",
      texts,
      publishedBy: "cli:test",
      dryRun: true,
    });
    expect(outcome.status).toBe("dry_run");
    expect(outcome.statements).toEqual(['ALTER TABLE "ws_acme"."contact" ADD COLUMN "wechat" text']);
    expect((await columns("contact")).some((c) => c.column_name === "wechat")).toBe(false);
  });

  it("refuses to make a field required when records have no value", async () => {
    const texts = changed(
      "entities/customer.json",
      (c) => (c.fields.find((f: { name: string }) => f.name === "city").required = true),
      "1.3.0",
    );
    await expect(publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" })).rejects.toThrow(
      '"customer.city" cannot become required: 1 record has no value',
    );
  });

  it("rejects an invalid definition with its findings", async () => {
    const texts = changed("entities/customer.json", (c) => (c.fields[2].entity = "nobody"), "1.4.0");
    const error = await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect(error.code).toBe("definition_invalid");
    expect(error.details.findings[0]).toMatchObject({ code: "ref.entity", file: "entities/customer.json" });
  });
});
