import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = (name: string) => join(root, "node_modules/.bin", name);
const temper = (...args: string[]) =>
  spawnSync(bin("tsx"), [join(root, "engine/src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" });

describe("the reference CRM through the temper command", () => {
  it("validates with exit 0 and no finding", () => {
    const run = temper("validate", "definitions/examples/crm");
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("definitions/examples/crm: valid (0 errors, 0 warnings)");
    expect(run.status).toBe(0);
  });

  it("generates types that compile with tsc --noEmit", async () => {
    const out = await mkdtemp(join(tmpdir(), "temper-crm-types-"));
    expect(temper("types", "definitions/examples/crm", "--out", out).status).toBe(0);
    const entities = await readFile(join(out, "entities.ts"), "utf8");
    for (const name of ["Customer", "Opportunity", "QuoteLine", "PaymentPlan", "Complaint", "SalesPlan"]) {
      expect(entities).toContain(`export interface ${name} {`);
    }
    expect(entities).toContain('stage: ("prospecting" | "qualification"');
    const tsc = spawnSync(bin("tsc"), ["--noEmit", "--strict", "--module", "nodenext", join(out, "index.ts")], {
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
