// The seeded org of the security suites: the reference CRM published in a
// fresh workspace ("acme") and a second one ("globex"), org units, users of
// every role the suites check, each signed in, and records (seed-records.ts).
import { fileURLToPath } from "node:url";
import { createApi } from "../../engine/src/api/app.ts";
import { type Definition, readDefinitionFolder } from "../../engine/src/definitions/index.ts";
import { createUnit } from "../../engine/src/org/units.ts";
import { placeUser } from "../../engine/src/org/people.ts";
import { type Actor, recordService, type RecordService } from "../../engine/src/records/service.ts";
import { openStorage, type Storage } from "../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../engine/src/storage/testing.ts";
import { currentVersion } from "../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../engine/src/storage/workspaces.ts";
import { addUser, signIn } from "../../engine/src/users/service.ts";
import { seedOtherWorkspace } from "./other-workspace.ts";
import { type SeededRecords, seedRecords } from "./seed-records.ts";

/** The reference CRM's folder, read by the fixture and, independently, by the oracle. */
export const crmFolder = fileURLToPath(new URL("../../definitions/examples/crm", import.meta.url));

/** Every fixture user's password. */
export const password = "correct horse battery";

/** An org unit as planned: a code and its parent's code. */
export interface PlannedUnit {
  code: string;
  kind: "company" | "region" | "department" | "team";
  parent: string | null;
}

/** company → sales regions → teams, and a service department. */
export const plannedUnits: PlannedUnit[] = [
  { code: "company", kind: "company", parent: null },
  { code: "north", kind: "region", parent: "company" },
  { code: "south", kind: "region", parent: "company" },
  { code: "north_team", kind: "team", parent: "north" },
  { code: "south_team", kind: "team", parent: "south" },
  { code: "service", kind: "department", parent: "company" },
];

/** A user as planned: where they sit, whom they report to, their roles. */
export interface PlannedUser {
  username: string;
  roles: string[];
  unit: string | null;
  manager: string | null;
}

/**
 * Two sales managers in different regions with three reps each (placed in
 * the manager's team, reporting to them), a sales director over both
 * managers (placed in no unit: their subtree comes from the reporting line),
 * an executive, a service agent and an administrator.
 */
export const plannedUsers: PlannedUser[] = [
  { username: "exec", roles: ["executive"], unit: "company", manager: null },
  { username: "admin", roles: ["administrator"], unit: "company", manager: null },
  { username: "director", roles: ["sales_director"], unit: null, manager: "exec" },
  { username: "mgr.north", roles: ["sales_manager"], unit: "north_team", manager: "director" },
  { username: "mgr.south", roles: ["sales_manager"], unit: "south_team", manager: "director" },
  ...["north", "south"].flatMap((team) =>
    [1, 2, 3].map((n) => ({
      username: `rep.${team}${n}`,
      roles: ["sales_rep"],
      unit: `${team}_team`,
      manager: `mgr.${team}`,
    })),
  ),
  { username: "agent", roles: ["service_agent"], unit: "service", manager: null },
];

/** A signed-in user of the fixture. */
export interface FixtureUser extends PlannedUser {
  id: string;
  token: string;
  /** The user as the records service sees them. */
  actor: Actor;
}

/** The seeded org of a suite: its database, API, users and records. */
export interface OrgFixture {
  database: TestDatabase;
  storage: Storage;
  api: ReturnType<typeof createApi>;
  definition: Definition;
  /** The records service of "acme", for the system actor's seeding and checks. */
  records: RecordService;
  system: Actor;
  users: Map<string, FixtureUser>;
  /** The ids of the units of "acme" by code. */
  unitIds: Map<string, string>;
  seeded: SeededRecords;
  /** "globex" (when asked for): a rep of the same username, signed in, and the ids of their records. */
  other?: { token: string; userId: string; customerIds: string[] };
  /** Drops the suite's database. */
  close(): Promise<void>;
}

/** Finds a fixture user by username, or throws (a typo in a test is a test bug). */
export function userOrThrow(fixture: Pick<OrgFixture, "users">, username: string): FixtureUser {
  const user = fixture.users.get(username);
  if (!user) throw new Error(`the fixture has no user "${username}"`);
  return user;
}

async function publishCrm(
  storage: Storage,
  workspaceId: string,
  texts: Awaited<ReturnType<typeof readDefinitionFolder>>["texts"],
) {
  await createWorkspace(storage, workspaceId);
  await publishDefinition(storage, { workspaceId, texts, publishedBy: "cli:security" });
  return (await currentVersion(storage, workspaceId))!.definition;
}

async function systemActor(storage: Storage, workspaceId: string): Promise<Actor> {
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users
    where workspace_id = ${workspaceId} and username = 'system'`;
  return { id: row.id, username: "system", roles: [], system: true };
}

async function addUsers(storage: Storage, unitIds: Map<string, string>): Promise<Map<string, FixtureUser>> {
  // Hashing and signing in cost most of the set-up: in parallel.
  const added = await Promise.all(
    plannedUsers.map(async (planned) => {
      const { id } = await addUser(storage, {
        workspaceId: "acme",
        username: planned.username,
        password,
        roles: planned.roles,
      });
      return { planned, id };
    }),
  );
  for (const { planned } of added) {
    await placeUser(storage, "acme", planned.username, { unit: planned.unit, manager: planned.manager });
  }
  const ids = new Map(added.map(({ planned, id }) => [planned.username, id]));
  const signedIn = await Promise.all(
    added.map(async ({ planned, id }) => {
      const { token } = await signIn(storage, { workspace: "acme", username: planned.username, password });
      const actor: Actor = {
        id,
        username: planned.username,
        roles: planned.roles,
        orgUnitId: planned.unit ? unitIds.get(planned.unit)! : null,
        managerId: planned.manager ? ids.get(planned.manager)! : null,
      };
      return [planned.username, { ...planned, id, token, actor }] as const;
    }),
  );
  return new Map(signedIn);
}

/**
 * Builds the seeded org in a database of its own: "acme" with the reference
 * CRM, its units and users signed in, and records owned across the org (see
 * seed-records.ts); with `otherWorkspace`, "globex" too. Takes a few
 * seconds: call it once per suite, in `beforeAll` with a generous timeout.
 *
 * @example
 * let fixture: OrgFixture;
 * beforeAll(async () => (fixture = await openOrgFixture("scopes")), 60_000);
 * afterAll(() => fixture?.close());
 */
export async function openOrgFixture(label: string, options: { otherWorkspace?: boolean } = {}): Promise<OrgFixture> {
  const database = await createTestDatabase(`security_${label}`);
  const storage = await openStorage(database.url, { max: 8 });
  try {
    const { texts } = await readDefinitionFolder(crmFolder);
    const definition = await publishCrm(storage, "acme", texts);
    const unitIds = new Map<string, string>();
    for (const unit of plannedUnits) {
      const { code, kind, parent } = unit;
      unitIds.set(code, (await createUnit(storage, "acme", { code, name: code, kind, parent })).id);
    }
    const users = await addUsers(storage, unitIds);
    const system = await systemActor(storage, "acme");
    const records = recordService(storage, { workspaceId: "acme", schema: "ws_acme", definition });
    const seeded = await seedRecords(storage, records, system, users);
    let other: OrgFixture["other"];
    if (options.otherWorkspace) {
      const otherDefinition = await publishCrm(storage, "globex", texts);
      const otherRecords = recordService(storage, {
        workspaceId: "globex",
        schema: "ws_globex",
        definition: otherDefinition,
      });
      other = await seedOtherWorkspace(storage, otherRecords, password);
    }
    return {
      database,
      storage,
      api: createApi({ storage }),
      definition,
      records,
      system,
      users,
      unitIds,
      seeded,
      ...(other ? { other } : {}),
      close: async () => {
        await storage.close();
        await database.drop();
      },
    };
  } catch (error) {
    await storage.close();
    await database.drop();
    throw error;
  }
}
