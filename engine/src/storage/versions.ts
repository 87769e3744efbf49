import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { TransactionSql } from "postgres";
import { stringify } from "safe-stable-stringify";
import { type Definition, type DefinitionText, kindOfPath, validateDefinitionTexts } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { Storage } from "./platform/database.ts";
import { definitionVersions, workspaces } from "./platform/schema.ts";

/** A definition's files by path, parsed: what a version stores. */
export type DefinitionBundle = Record<string, unknown>;

/**
 * Turns a definition's texts into a bundle (the definition files only, parsed).
 *
 * @example
 * const bundle = bundleOf(texts); // { "app.json": {...}, "entities/customer.json": {...} }
 */
export function bundleOf(texts: DefinitionText[]): DefinitionBundle {
  const bundle: DefinitionBundle = {};
  for (const { path, text } of texts) if (kindOfPath(path)) bundle[path] = JSON.parse(text);
  return bundle;
}

/**
 * The content hash of a bundle: SHA-256 of its canonical JSON, so that key
 * order and formatting do not change it.
 *
 * @example
 * contentHash({ "app.json": { id: "crm" } }); // "sha256:…"
 */
export function contentHash(bundle: DefinitionBundle): string {
  return `sha256:${createHash("sha256")
    .update(stringify(bundle) ?? "")
    .digest("hex")}`;
}

const cache = new Map<string, Definition>();

/**
 * Rebuilds the definition of a stored bundle (validated again: stored
 * versions are immutable, so the result is cached by version id).
 */
export function definitionOfBundle(versionId: string, bundle: DefinitionBundle): Definition {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const texts = Object.entries(bundle).map(([path, value]) => ({ path, text: JSON.stringify(value) }));
  const result = validateDefinitionTexts(texts);
  if (!result.definition) throw new EngineError("internal", `the stored version ${versionId} no longer validates`);
  cache.set(versionId, result.definition);
  return result.definition;
}

/** A workspace's published version with its definition. */
export interface PublishedVersion {
  id: string;
  version: string;
  contentHash: string;
  definition: Definition;
}

/**
 * The version currently published in a workspace, or `undefined` before the first publish.
 *
 * @example
 * const current = await currentVersion(storage, "acme");
 * current?.definition.entities.get("customer");
 */
export async function currentVersion(
  storage: Pick<Storage, "db">,
  workspaceId: string,
): Promise<PublishedVersion | undefined> {
  // Versions never change: the bundle is fetched (and validated) only for a version not seen before.
  const [row] = await storage.db
    .select({
      id: definitionVersions.id,
      version: definitionVersions.version,
      contentHash: definitionVersions.contentHash,
    })
    .from(workspaces)
    .innerJoin(definitionVersions, eq(definitionVersions.id, workspaces.currentVersionId))
    .where(eq(workspaces.id, workspaceId));
  if (!row) return undefined;
  let definition = cache.get(row.id);
  if (!definition) {
    const [stored] = await storage.db
      .select({ bundle: definitionVersions.bundle })
      .from(definitionVersions)
      .where(eq(definitionVersions.id, row.id));
    definition = definitionOfBundle(row.id, stored!.bundle);
  }
  return { ...row, definition };
}

/**
 * The definition of one stored version (a process instance's pinned one), cached by id.
 * Inside a transaction, pass the transaction: a second connection could wait
 * on a pool that the transaction's peers hold.
 *
 * @example
 * const definition = await definitionOfVersion(storage.sql, instance.version_id);
 */
export async function definitionOfVersion(
  sql: Storage["sql"] | TransactionSql,
  versionId: string,
): Promise<Definition> {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const [row] = await (sql as Storage["sql"])<
    Array<{ bundle: DefinitionBundle }>
  >`select bundle from temper.definition_versions
    where id = ${versionId}`;
  if (!row) throw new EngineError("not_found", `no definition version "${versionId}"`);
  return definitionOfBundle(versionId, row.bundle);
}
