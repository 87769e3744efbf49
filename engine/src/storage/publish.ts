import { and, eq, sql as drizzleSql } from "drizzle-orm";
import { type DefinitionText, validateDefinitionTexts } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { entityTables } from "./entity-tables/model.ts";
import { type PlannedAction, planMigration } from "./entity-tables/plan.ts";
import { actionSql, describeAction, ident } from "./entity-tables/sql.ts";
import type { Storage } from "./platform/database.ts";
import { appliedMigrations, auditLog, definitionVersions, workspaces } from "./platform/schema.ts";
import { bundleOf, contentHash, currentVersion } from "./versions.ts";
import { workspaceOrThrow } from "./workspaces.ts";

export interface PublishRequest {
  workspaceId: string;
  texts: DefinitionText[];
  /** Who publishes: a user id, or `cli:<name>` from the command line. */
  publishedBy: string;
  /** Plan and check everything, then roll back. */
  dryRun?: boolean;
  /** Apply actions that can lose data (dropping fields or entities, narrowing types). */
  allowDestructive?: boolean;
}

export interface PublishOutcome {
  status: "unchanged" | "published" | "dry_run";
  version: string;
  previousVersion?: string;
  plan: PlannedAction[];
  statements: string[];
}

class DryRun extends Error {}

type Transaction = Parameters<Parameters<Storage["db"]["transaction"]>[0]>[0];

/**
 * Publishes a definition into a workspace: validates it, plans the migration
 * of the entity tables from the current version, refuses destructive actions
 * unless allowed, and applies the plan and records the version in one
 * transaction (a dry run does the same and rolls back). Publishing the same
 * content again changes nothing.
 *
 * @example
 * const outcome = await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:ana" });
 * outcome.plan.map(describeAction); // ["create table customer (24 columns)", ...]
 */
export async function publishDefinition(storage: Storage, request: PublishRequest): Promise<PublishOutcome> {
  const validation = validateDefinitionTexts(request.texts);
  if (!validation.valid || !validation.definition) {
    throw new EngineError("definition_invalid", "the definition has errors; run `temper validate` for the list", {
      findings: validation.findings.filter((f) => f.severity === "error"),
    });
  }
  const definition = validation.definition;
  const workspace = await workspaceOrThrow(storage, request.workspaceId);
  const bundle = bundleOf(request.texts);
  const hash = contentHash(bundle);
  const version = definition.app.version;
  let outcome: PublishOutcome | undefined;
  try {
    await storage.db.transaction(async (tx) => {
      await tx.execute(drizzleSql`select 1 from ${workspaces} where ${workspaces.id} = ${workspace.id} for update`);
      const current = await currentVersion({ db: tx }, workspace.id);
      if (current?.contentHash === hash) {
        outcome = { status: "unchanged", version, previousVersion: current.version, plan: [], statements: [] };
        return;
      }
      const [sameVersion] = await tx
        .select({ hash: definitionVersions.contentHash })
        .from(definitionVersions)
        .where(and(eq(definitionVersions.workspaceId, workspace.id), eq(definitionVersions.version, version)));
      if (sameVersion) {
        throw new EngineError(
          "conflict",
          sameVersion.hash === hash
            ? `version ${version} was published before with this content, and ${current?.version ?? "another"} came after it; to return to it, publish it under a new "version" in app.json`
            : `version ${version} was already published with other content; raise "version" in app.json`,
        );
      }
      const plan = planMigration(current ? entityTables(current.definition) : [], entityTables(definition));
      const destructive = plan.filter((a) => a.destructive);
      if (destructive.length > 0 && !request.allowDestructive) {
        throw new EngineError(
          "migration_refused",
          `the migration would lose data: ${destructive.map((a) => a.destructive).join("; ")}. Publish with --allow-destructive to apply it anyway`,
          { plan },
        );
      }
      const statements = plan.flatMap((action) => actionSql(workspace.schemaName, action));
      for (const action of plan) await applyAction(tx, workspace.schemaName, action);
      const [row] = await tx
        .insert(definitionVersions)
        .values({
          workspaceId: workspace.id,
          appId: definition.app.id,
          version,
          contentHash: hash,
          bundle,
          publishedBy: request.publishedBy,
        })
        .returning({ id: definitionVersions.id });
      const toVersionId = row!.id;
      await tx.insert(appliedMigrations).values({
        workspaceId: workspace.id,
        fromVersionId: current?.id ?? null,
        toVersionId,
        actions: plan,
        statements,
        appliedBy: request.publishedBy,
      });
      await tx.update(workspaces).set({ currentVersionId: toVersionId }).where(eq(workspaces.id, workspace.id));
      await tx.insert(auditLog).values({
        workspaceId: workspace.id,
        action: "definition.publish",
        details: {
          version,
          previousVersion: current?.version ?? null,
          contentHash: hash,
          actions: plan.map(describeAction),
          by: request.publishedBy,
        },
      });
      outcome = {
        status: request.dryRun ? "dry_run" : "published",
        version,
        ...(current ? { previousVersion: current.version } : {}),
        plan,
        statements,
      };
      if (request.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return outcome!;
}

async function applyAction(tx: Transaction, schema: string, action: PlannedAction): Promise<void> {
  if (action.kind === "set_not_null" && action.backfill === undefined) {
    const table = `${ident(schema)}.${ident(action.table)}`;
    const [row] = await tx.execute<{ count: number }>(
      drizzleSql.raw(`SELECT count(*)::int AS count FROM ${table} WHERE ${ident(action.column)} IS NULL`),
    );
    const count = row?.count ?? 0;
    if (count > 0) {
      throw new EngineError(
        "migration_refused",
        `"${action.table}.${action.column}" cannot become required: ${count} record${count === 1 ? " has" : "s have"} no value; give the field a "default" or fill them first`,
      );
    }
  }
  for (const statement of actionSql(schema, action)) {
    try {
      await tx.execute(drizzleSql.raw(statement));
    } catch (error) {
      throw new EngineError("migration_refused", `${describeAction(action)} failed: ${(error as Error).message}`, {
        statement,
      });
    }
  }
}
