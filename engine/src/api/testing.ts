import { readDefinitionFolder } from "../definitions/index.ts";
import { placeUser } from "../org/people.ts";
import { createUnit, type OrgUnitKind } from "../org/units.ts";
import { type Actor, recordService, type RecordService, type WorkspaceContext } from "../records/service.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { addUser, signIn } from "../users/service.ts";
import { createApi } from "./app.ts";

/** A small org of the reference CRM for API tests of people and permissions. */
export interface ApiFixture {
  database: TestDatabase;
  storage: Storage;
  api: ReturnType<typeof createApi>;
  context: WorkspaceContext;
  records: RecordService;
  system: Actor;
  ids: Map<string, string>;
  tokens: Map<string, string>;
  /** Sends a request to `/api/v1<path>` as a signed-in user of the fixture. */
  as(username: string): (method: string, path: string, body?: unknown) => Promise<Response>;
  close(): Promise<void>;
}

export const fixturePassword = "correct horse battery";

const units: Array<{ code: string; kind: OrgUnitKind; parent: string | null }> = [
  { code: "company", kind: "company", parent: null },
  { code: "east", kind: "region", parent: "company" },
  { code: "west", kind: "region", parent: "company" },
  { code: "east_sales", kind: "team", parent: "east" },
  { code: "west_sales", kind: "team", parent: "west" },
];

/** Two sales teams (a manager and reps each), an executive, an administrator, a service agent. */
const people: Array<{ username: string; roles: string[]; unit: string | null; manager: string | null }> = [
  { username: "admin", roles: ["administrator"], unit: "company", manager: null },
  { username: "exec", roles: ["executive"], unit: "company", manager: null },
  { username: "mgr.east", roles: ["sales_manager"], unit: "east_sales", manager: null },
  { username: "rep.e1", roles: ["sales_rep"], unit: "east_sales", manager: "mgr.east" },
  { username: "rep.e2", roles: ["sales_rep"], unit: "east_sales", manager: "mgr.east" },
  { username: "mgr.west", roles: ["sales_manager"], unit: "west_sales", manager: null },
  { username: "rep.w1", roles: ["sales_rep"], unit: "west_sales", manager: "mgr.west" },
  { username: "agent", roles: ["service_agent"], unit: null, manager: null },
];

/**
 * Opens a database of its own with the reference CRM published in "acme",
 * org units company → east/west → east_sales/west_sales, and people placed
 * in them, each signed in.
 *
 * @example
 * let fixture: ApiFixture;
 * beforeAll(async () => (fixture = await openApiFixture("org")), 60_000);
 * afterAll(() => fixture?.close());
 * const response = await fixture.as("rep.e1")("GET", "/users");
 */
export async function openApiFixture(label: string): Promise<ApiFixture> {
  const database = await createTestDatabase(label);
  const storage = await openStorage(database.url, { max: 6 });
  await createWorkspace(storage, "acme");
  const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  for (const unit of units) await createUnit(storage, "acme", { ...unit, name: unit.code });
  const ids = new Map<string, string>();
  for (const person of people) {
    const { id } = await addUser(storage, {
      workspaceId: "acme",
      username: person.username,
      password: fixturePassword,
      roles: person.roles,
    });
    ids.set(person.username, id);
    await placeUser(storage, "acme", person.username, { unit: person.unit, manager: person.manager });
  }
  const tokens = new Map<string, string>();
  for (const person of people) {
    const { token } = await signIn(storage, {
      workspace: "acme",
      username: person.username,
      password: fixturePassword,
    });
    tokens.set(person.username, token);
  }
  const [system] = await storage.sql<[{ id: string }]>`select id from temper.users
    where workspace_id = 'acme' and username = 'system'`;
  const definition = (await currentVersion(storage, "acme"))!.definition;
  const context = { workspaceId: "acme", schema: "ws_acme", definition };
  const api = createApi({ storage });
  return {
    database,
    storage,
    api,
    context,
    records: recordService(storage, context),
    system: { id: system.id, username: "system", roles: [], system: true },
    ids,
    tokens,
    as: (username) => async (method, path, body) =>
      api.request(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens.get(username) ?? "none"}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    close: async () => {
      await storage.close();
      await database.drop();
    },
  };
}
