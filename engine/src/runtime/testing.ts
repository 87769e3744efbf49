import { createApi } from "../api/app.ts";
import { type DefinitionText, readDefinitionFolder } from "../definitions/index.ts";
import { placeUser } from "../org/people.ts";
import { createUnit, type OrgUnitKind } from "../org/units.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { addUser, signIn } from "../users/service.ts";
import { type ManualClock, manualClock } from "./clock.ts";
import { createRuntime, type Runtime } from "./index.ts";
import type { StepRegistry } from "./steps/types.ts";

/** A parsed response body, read as each test expects it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const units: Array<{ code: string; kind: OrgUnitKind; parent: string | null }> = [
  { code: "company", kind: "company", parent: null },
  { code: "sales", kind: "department", parent: "company" },
  { code: "east_sales", kind: "team", parent: "sales" },
  { code: "north_sales", kind: "team", parent: "sales" },
  { code: "service", kind: "department", parent: "company" },
  { code: "service_center", kind: "team", parent: "service" },
  { code: "finance_dept", kind: "department", parent: "company" },
];

/**
 * The people of the process suites: a sales line (VP → director → managers →
 * reps), a service line (director → supervisor → agents), finance, an
 * executive and an administrator.
 */
export const processPeople: Array<{ username: string; roles: string[]; unit: string; manager: string | null }> = [
  { username: "exec", roles: ["executive"], unit: "company", manager: null },
  { username: "admin", roles: ["administrator"], unit: "company", manager: null },
  { username: "vp", roles: ["vp_sales"], unit: "sales", manager: "exec" },
  { username: "director", roles: ["sales_director"], unit: "sales", manager: "vp" },
  { username: "mgr.east", roles: ["sales_manager"], unit: "east_sales", manager: "director" },
  { username: "rep.e1", roles: ["sales_rep"], unit: "east_sales", manager: "mgr.east" },
  { username: "rep.e2", roles: ["sales_rep"], unit: "east_sales", manager: "mgr.east" },
  { username: "mgr.north", roles: ["sales_manager"], unit: "north_sales", manager: "director" },
  { username: "rep.n1", roles: ["sales_rep"], unit: "north_sales", manager: "mgr.north" },
  { username: "svc.director", roles: ["executive"], unit: "service", manager: "exec" },
  { username: "supervisor", roles: ["service_supervisor"], unit: "service_center", manager: "svc.director" },
  { username: "agent1", roles: ["service_agent"], unit: "service_center", manager: "supervisor" },
  { username: "agent2", roles: ["service_agent"], unit: "service_center", manager: "supervisor" },
  { username: "finance", roles: ["finance"], unit: "finance_dept", manager: "exec" },
];

/** A database with the reference CRM, an org of {@link processPeople}, a runtime on a manual clock and the API over it. */
export interface ProcessFixture {
  database: TestDatabase;
  storage: Storage;
  clock: ManualClock;
  runtime: Runtime;
  api: ReturnType<typeof createApi>;
  context: WorkspaceContext;
  system: Actor;
  ids: Map<string, string>;
  /** Sends a request to `/api/v1<path>` as a user; returns status and parsed body. */
  as(username: string): (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Json }>;
  /** Fires the timers due now and delivers the outbox, until nothing is left to do now. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const processPassword = "correct horse battery";

/**
 * Opens the process suites' fixture: its own database, the reference CRM (or
 * `texts`, a patched copy) in "acme", the org, every user signed in, a clock
 * at 2026-03-02 09:00 UTC.
 *
 * @example
 * let fx: ProcessFixture;
 * beforeAll(async () => (fx = await openProcessFixture("complaints")), 120_000);
 * afterAll(() => fx?.close());
 * fx.clock.advance("PT25H"); await fx.settle();
 */
export async function openProcessFixture(
  label: string,
  options: { steps?: StepRegistry; texts?: DefinitionText[] } = {},
): Promise<ProcessFixture> {
  const database = await createTestDatabase(label);
  const storage = await openStorage(database.url, { max: 8 });
  await createWorkspace(storage, "acme");
  const texts =
    options.texts ??
    (await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname)).texts;
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  for (const unit of units) await createUnit(storage, "acme", { ...unit, name: unit.code });
  const ids = new Map<string, string>();
  for (const person of processPeople) {
    const { id } = await addUser(storage, {
      workspaceId: "acme",
      username: person.username,
      password: processPassword,
      roles: person.roles,
    });
    ids.set(person.username, id);
  }
  for (const person of processPeople)
    await placeUser(storage, "acme", person.username, { unit: person.unit, manager: person.manager });
  const tokens = new Map<string, string>();
  for (const person of processPeople) {
    const { token } = await signIn(storage, {
      workspace: "acme",
      username: person.username,
      password: processPassword,
    });
    tokens.set(person.username, token);
  }
  const [system] = await storage.sql<
    [{ id: string }]
  >`select id from temper.users where workspace_id = 'acme' and username = 'system'`;
  const definition = (await currentVersion(storage, "acme"))!.definition;
  const context = { workspaceId: "acme", schema: "ws_acme", definition };
  const clock = manualClock(new Date("2026-03-02T09:00:00Z"));
  const runtime = createRuntime({
    storage,
    clock,
    workerId: `test:${label}`,
    ...(options.steps ? { steps: options.steps } : {}),
  });
  const api = createApi({ storage, runtime });
  return {
    database,
    storage,
    clock,
    runtime,
    api,
    context,
    system: { id: system.id, username: "system", roles: [], system: true },
    ids,
    as: (username) => async (method, path, body) => {
      const response = await api.request(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens.get(username) ?? "none"}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async settle() {
      for (let round = 0; round < 20; round++) {
        const timers = await runtime.timers.runDue();
        const outbox = await runtime.outbox.deliverDue();
        if (timers.fired + timers.failed + outbox.delivered + outbox.retried + outbox.failed === 0) return;
      }
    },
    async close() {
      await storage.close();
      await database.drop();
    },
  };
}
