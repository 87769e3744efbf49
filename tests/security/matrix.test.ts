// The security matrix: every role with users × every entity of the CRM ×
// every operation, over HTTP, against an independent oracle (oracle.ts):
// zero leaks, zero wrongful denials. Cases that fail today because of a
// known engine bug run as `it.fails`, named after the bug (matrix-cases.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knownBugs, matrixCases, operations } from "./matrix-cases.ts";
import { matrixWorld, type MatrixWorld } from "./matrix-world.ts";
import { readCrm } from "./oracle.ts";
import { crmFolder, openOrgFixture, plannedUsers } from "./org-fixture.ts";

const crm = readCrm(crmFolder);
const cases = matrixCases(crm, plannedUsers);
let world: MatrixWorld;
const readOnly = new Set(["list", "search", "export", "read", "history", "lookup"]);

beforeAll(async () => {
  world = matrixWorld(await openOrgFixture("matrix"));
}, 120_000);
afterAll(() => world?.fixture.close());

describe("the security matrix", () => {
  it("covers every role with users × every entity × every operation", () => {
    const roles = new Set(plannedUsers.flatMap((u) => u.roles));
    const missing: string[] = [];
    for (const role of roles)
      for (const entity of crm.entities.keys())
        for (const operation of operations)
          if (!cases.some((c) => c.role === role && c.entity === entity && c.operation === operation))
            missing.push(`${role} × ${entity} × ${operation}`);
    expect(missing).toEqual([]);
    console.info(
      `security matrix: ${cases.length} cases (${roles.size} roles × ${crm.entities.size} entities × ${operations.length} operations, ` +
        `with lists for all ${plannedUsers.length} users and the write and reference parts); ${cases.filter((c) => c.bug).length} fail today for known engine bugs: ` +
        Object.values(knownBugs)
          .map((bug) => `${bug.id} ${cases.filter((c) => c.bug === bug).length}`)
          .join(", "),
    );
  });

  for (const c of cases) {
    const name = `${c.role} (${c.username}) × ${c.entity} × ${c.operation}${c.part ? `: ${c.part}` : ""}`;
    const test = () => c.run({ world, username: c.username, entity: c.entity });
    const bug = c.bug;
    // Reads change nothing: they run a few at a time. Writes run one by one, after them.
    const run = readOnly.has(c.operation) && !c.part ? it.concurrent : it;
    if (!bug) run(name, test);
    else
      run.fails(`${name} [known bug ${bug.id}]`, async () => {
        // Fails, as expected, only for the known bug: a case failing for another reason returns normally, so it.fails reports it.
        const error = await test().then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error && bug.signature.test(String(error))) throw error;
        if (error) console.error(`${name}: fails, but not for ${bug.id}:`, error);
      });
  }
});
