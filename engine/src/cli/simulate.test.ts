import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot, runTemper } from "./testing.ts";

const crm = join(repositoryRoot, "definitions/examples/crm");
const complaintScript = join(crm, "simulations/complaint_escalation.json");

async function writeScript(content: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "temper-simulate-")), "script.json");
  await writeFile(file, content);
  return file;
}

const simulateComplaint = (script: string) =>
  runTemper(["simulate", crm, "--process", "complaint_escalation", "--script", script]);

describe("temper simulate", () => {
  it("runs the complaint script: exit 0, the escalations and the closure printed", async () => {
    const run = await simulateComplaint(complaintScript);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toContain("  2026-03-03 09:00  timer    fired after PT24H in open");
    expect(lines).toContain("  2026-03-03 09:00  state    open → escalated_supervisor (timer, by system)");
    expect(lines).toContain(
      "  2026-03-05 09:00  state    escalated_supervisor → escalated_director (timer, by system)",
    );
    expect(lines.at(-1)).toBe('passed: 8 expectations held; the process is in "closed"');
  });

  it("exits 1 naming the step when an expected state is not reached", async () => {
    const script = JSON.parse(await readFile(complaintScript, "utf8"));
    script.steps[4] = { expect: { state: "escalated_director" } };
    const run = await simulateComplaint(await writeScript(JSON.stringify(script)));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("step 5: expect state escalated_director");
    expect(run.stdout.trim().split("\n").at(-1)).toBe(
      "failed at step 5: expected state escalated_director, but it is escalated_supervisor",
    );
  });

  it("a malformed script is one line naming the step, exit 1, no stack trace", async () => {
    const [invalid, notJson, noProcess] = await Promise.all([
      writeScript('{"start": "2026-03-02T09:00:00Z", "steps": [{"advance": "PT25H"}, {"advance": "soon"}]}').then(
        simulateComplaint,
      ),
      writeScript("{ steps: [] }").then(simulateComplaint),
      runTemper(["simulate", crm, "--process", "complaint", "--script", complaintScript]),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe("");
    expect(invalid.stderr).toMatch(
      /^temper: .*script\.json: step 2 \(advance\): advance "soon" is not a duration such as PT24H, P3D or P1M\n$/,
    );
    expect(notJson.code).toBe(1);
    expect(notJson.stderr.trim().split("\n")).toHaveLength(1);
    expect(notJson.stderr).toContain("not valid JSON");
    expect(noProcess.code).toBe(1);
    expect(noProcess.stderr).toContain('has no process "complaint"');
    for (const run of [invalid, notJson, noProcess]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("has --help", async () => {
    const run = await runTemper(["simulate", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: temper simulate");
  });
});
