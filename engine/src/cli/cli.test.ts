import { spawnSync } from "node:child_process";
import { mkdtemp, mkdir, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { helpdeskDefinition, toTexts, type DefinitionObjects } from "../definitions/testing.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = join(root, "node_modules/.bin/tsx");
const main = join(root, "engine/src/cli/main.ts");

function temper(...args: string[]) {
  const run = spawnSync(tsx, [main, ...args], { cwd: root, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function writeDefinition(objects: DefinitionObjects): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "temper-cli-"));
  for (const { path, text } of toTexts(objects)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe("temper CLI", () => {
  it("validate exits 0 on a valid definition", async () => {
    const dir = await writeDefinition(helpdeskDefinition());
    const run = temper("validate", dir);
    expect(run.stderr).toContain("valid (0 errors, 0 warnings)");
    expect(run.code).toBe(0);
  });

  it("validate exits 1 with one line per finding naming file and pointer", async () => {
    const objects = helpdeskDefinition() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    objects["processes/ticket_flow.json"].states.open.after.PT24H.target = "archived";
    const run = temper("validate", await writeDefinition(objects));
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      'processes/ticket_flow.json:/states/open/after/PT24H/target: error ref.state: unknown state "archived"',
    ]);
  });

  it("validate --json prints the findings as JSON", async () => {
    const objects = helpdeskDefinition() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    objects["roles/agent.json"].permissions[0].fields.write.push("amout");
    const run = temper("validate", await writeDefinition(objects), "--json");
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: false,
      findings: [
        {
          severity: "error",
          code: "ref.field",
          file: "roles/agent.json",
          pointer: "/permissions/0/fields/write/2",
          message: expect.stringContaining('did you mean "amount"?'),
        },
      ],
    });
  });

  it("user errors are one line and exit 1, never a stack trace", () => {
    const missing = temper("validate", "/nonexistent/definition");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("/nonexistent/definition: error folder.missing: no such folder\n");
    const noOut = temper("types", "/nonexistent/definition");
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain("required option '--out <dir>' not specified");
    const unknown = temper("frobnicate");
    expect(unknown.code).toBe(1);
    for (const run of [missing, noOut, unknown]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("every command has --help", () => {
    for (const command of ["validate", "types"]) {
      const run = temper(command, "--help");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: temper ${command}`);
    }
  });

  it("types writes TypeScript that compiles", async () => {
    const out = await mkdtemp(join(tmpdir(), "temper-types-"));
    const run = temper("types", await writeDefinition(helpdeskDefinition()), "--out", out);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["entities.ts", "index.ts", "steps.ts"]);
    const tsc = spawnSync(
      join(root, "node_modules/.bin/tsc"),
      ["--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", join(out, "index.ts")],
      {
        encoding: "utf8",
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
