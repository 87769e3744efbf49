import { EngineError } from "../errors.ts";
import type { WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { currentVersion } from "../storage/versions.ts";
import { systemUsername, workspaceOrThrow } from "../storage/workspaces.ts";

/** The audit action that records a finished demo seed. */
export const seededAction = "workspace.seed";

/**
 * The workspace the demo seed may fill, or a one-line refusal: it must
 * exist, run the reference CRM (app `crm`), and hold nothing yet (no org
 * units, no people but its system user, no records): the seed tells a whole
 * story from an empty company, and never mixes it with real data.
 *
 * @example
 * const context = await seedableWorkspaceOrThrow(storage, "demo");
 */
export async function seedableWorkspaceOrThrow(storage: Storage, workspaceId: string): Promise<WorkspaceContext> {
  const workspace = await workspaceOrThrow(storage, workspaceId);
  const version = await currentVersion(storage, workspace.id);
  if (version?.definition.app.id !== "crm")
    throw new EngineError(
      "bad_request",
      `the demo seed needs the reference CRM in "${workspaceId}": run \`temper publish definitions/examples/crm --workspace ${workspaceId}\` first`,
    );
  const context = { workspaceId: workspace.id, schema: workspace.schemaName, definition: version.definition };
  const [found] = await storage.sql<[{ units: number; people: number; customers: number; seeded: number }]>`
    select (select count(*)::int from temper.org_units where workspace_id = ${workspace.id}) as units,
      (select count(*)::int from temper.users where workspace_id = ${workspace.id} and username <> ${systemUsername}) as people,
      (select count(*)::int from ${storage.sql(workspace.schemaName)}.customer) as customers,
      (select count(*)::int from temper.audit_log where workspace_id = ${workspace.id} and action = ${seededAction}) as seeded`;
  if (found!.seeded > 0)
    throw new EngineError("conflict", `"${workspaceId}" is seeded already; the demo seed runs once per workspace`);
  if (found!.units + found!.people + found!.customers > 0)
    throw new EngineError(
      "conflict",
      `"${workspaceId}" is not empty (${found!.units} org units, ${found!.people} people, ${found!.customers} customers): seed a new workspace (\`temper workspace create <id>\`)`,
    );
  return context;
}

/**
 * Whether the demo seed has run to its end in a workspace.
 *
 * @example
 * if (!(await isSeeded(storage, "demo"))) console.log("no demo data");
 */
export async function isSeeded(storage: Storage, workspaceId: string): Promise<boolean> {
  const [row] = await storage.sql<[{ seeded: boolean }]>`select exists (select 1 from temper.audit_log
    where workspace_id = ${workspaceId} and action = ${seededAction}) as seeded`;
  return row!.seeded;
}
