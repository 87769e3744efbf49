import type { Definition } from "../definitions/index.ts";
import { readDefinitionFolder } from "../definitions/index.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { type Actor, recordService, type RecordService } from "./service.ts";

/** A test database with the reference CRM published in workspace `acme`, and the records service as its system user. */
export interface CrmWorkspace {
  database: TestDatabase;
  storage: Storage;
  definition: Definition;
  records: RecordService;
  /** The workspace's system user: no permission applies. */
  actor: Actor;
  close(): Promise<void>;
}

/**
 * Creates a fresh database with the reference CRM published, for a suite.
 *
 * @example
 * let crm: CrmWorkspace;
 * beforeAll(async () => (crm = await crmWorkspace("records")));
 * afterAll(() => crm.close());
 */
export async function crmWorkspace(label: string): Promise<CrmWorkspace> {
  const database = await createTestDatabase(label);
  const storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  const [user] = await storage.sql<[{ id: string }]>`select id from temper.users where workspace_id = 'acme'`;
  const definition = (await currentVersion(storage, "acme"))!.definition;
  return {
    database,
    storage,
    definition,
    records: recordService(storage, { workspaceId: "acme", schema: "ws_acme", definition }),
    actor: { id: user!.id, username: "system", roles: [], system: true },
    async close() {
      await storage.close();
      await database.drop();
    },
  };
}
