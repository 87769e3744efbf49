import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDefinitionFolder } from "../definitions/index.ts";
import { writeRenamedCrm } from "../runtime/migrate-testing.ts";
import { openProcessFixture, type ProcessFixture } from "../runtime/testing.ts";
import { publishDefinition } from "../storage/publish.ts";
import { runTemper } from "./testing.ts";

let fx: ProcessFixture;
let dir: string;
const id = { open: "", handled: "" };

const migrate = (...args: string[]) =>
  runTemper(["migrate-instances", "--workspace", "acme", "--process", "complaint_escalation", ...args], {
    DATABASE_URL: fx.database.url,
  });

const versions = async () =>
  (
    await fx.storage.sql`select v.version from temper.process_instances i
      join temper.definition_versions v on v.id = i.version_id where i.process = 'complaint_escalation'`
  ).map((r) => r.version);

beforeAll(async () => {
  fx = await openProcessFixture("cli_migrate");
  dir = await mkdtemp(join(tmpdir(), "temper-migrate-"));
  const records = fx.runtime.records(fx.context);
  const customer = await records.create(fx.system, "customer", { name: "Hanwha", region: "east" });
  for (const name of ["open", "handled"] as const) {
    const complaint = await records.create(fx.system, "complaint", {
      subject: `A ${name} complaint`,
      customer: customer.id,
      description: "It broke.",
      severity: "minor",
      category: "product_quality",
    });
    id[name] = String(complaint.id);
    fx.clock.advance("PT1M"); // instances are listed in the order they started
  }
  await fx.runtime.events.fire(fx.system, fx.context, "complaint", id.handled, { type: "start_handling" });
  const { texts } = await readDefinitionFolder(await writeRenamedCrm());
  await publishDefinition(fx.storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
}, 120_000);
afterAll(() => fx?.close());

describe("temper migrate-instances", () => {
  it("refuses, one line per problem, when an instance cannot be mapped, and on bad input", async () => {
    const notJson = join(dir, "broken.json");
    await writeFile(notJson, "{states:");
    const notMap = join(dir, "not-a-map.json");
    await writeFile(notMap, '{"in_handling": "handling"}');
    const [unmapped, broken, shapeless, missing, version] = await Promise.all([
      migrate("--to", "1.1.0"),
      migrate("--to", "1.1.0", "--map", notJson),
      migrate("--to", "1.1.0", "--map", notMap),
      migrate("--to", "1.1.0", "--map", join(dir, "none.json")),
      migrate("--to", "9.9.9"),
    ]);
    expect([unmapped.code, unmapped.stdout]).toEqual([1, ""]);
    expect(unmapped.stderr).toBe(
      [
        `complaint ${id.handled} in "in_handling": version 1.1.0 has no state "in_handling"; map it with "states": {"in_handling": "<state>"}`,
        "temper: 1 instance of complaint_escalation cannot move to 1.1.0; nothing was migrated",
        "",
      ].join("\n"),
    );
    expect(broken.stderr).toMatch(new RegExp(`^temper: ${notJson}: not JSON \\(.*\\)\\n$`));
    expect(shapeless.stderr).toBe(
      `temper: ${notMap}: the map has unknown keys in_handling: write the map as {"states": {"<old state>": "<new state>"}}\n`,
    );
    expect(missing.stderr).toBe(`temper: cannot read ${join(dir, "none.json")}: no such file\n`);
    expect(version.stderr).toBe('temper: no version "9.9.9" is published in "acme"; published: 1.0.0, 1.1.0\n');
    for (const run of [broken, shapeless, missing, version]) expect(run.code).toBe(1);
    expect(await versions()).toEqual(["1.0.0", "1.0.0"]);
  }, 120_000);

  it("prints a dry run, then migrates with a map", async () => {
    const map = join(dir, "states.json");
    await writeFile(map, JSON.stringify({ states: { in_handling: "handling" } }));
    const dry = await migrate("--to", "1.1.0", "--map", map, "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      [
        "would migrate 2 instances of complaint_escalation to 1.1.0",
        `  complaint ${id.open} (1.0.0): open; PT24H timer due 2026-03-03T09:00:00.000Z`,
        `  complaint ${id.handled} (1.0.0): in_handling -> handling; P3D timer due 2026-03-05T09:02:00.000Z`,
        "dry run: nothing was changed",
        "",
      ].join("\n"),
    );
    expect(await versions()).toEqual(["1.0.0", "1.0.0"]);
    const run = await migrate("--to", "1.1.0", "--map", map);
    expect(run.stdout.split("\n")[0]).toBe("migrated 2 instances of complaint_escalation to 1.1.0");
    expect(await versions()).toEqual(["1.1.0", "1.1.0"]);
    const again = await migrate("--to", "1.1.0", "--map", map);
    expect(again.stdout).toBe("migrated 0 instances of complaint_escalation to 1.1.0 (2 instances already on it)\n");
  }, 120_000);

  it("has --help with an example", async () => {
    const run = await runTemper(["migrate-instances", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("pnpm temper migrate-instances --workspace acme");
  });
});
