import { and, eq, like, sql } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";
import { auditLog, orgUnits } from "../storage/platform/schema.ts";
import { referenceField } from "./reference-field.ts";

export type OrgUnitKind = "company" | "region" | "department" | "team";

/** The kinds a unit may be, from the top of an organization down. */
export const orgUnitKinds: OrgUnitKind[] = ["company", "region", "department", "team"];

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string;
}

const codePattern = /^[a-z][a-z0-9_]{0,47}$/;

type Transaction = Parameters<Parameters<Storage["db"]["transaction"]>[0]>[0];

/**
 * Serializes changes of a workspace's org (unit moves, reporting lines) until
 * the transaction ends, so that two concurrent changes cannot build a cycle.
 *
 * @example
 * await storage.db.transaction(async (tx) => { await lockOrg(tx, "acme"); … });
 */
export async function lockOrg(tx: Pick<Transaction, "execute">, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`temper.org:${workspaceId}`}))`);
}

function invalid(field: string, message: string): EngineError {
  return new EngineError("validation_failed", message, { problems: [{ field, code: "invalid", message }] });
}

function checkName(name: string): void {
  if (name.trim() === "" || name.length > 200) throw invalid("name", "a unit's name is 1 to 200 characters");
}

/**
 * Finds a unit of a workspace by its code, or throws `not_found`.
 *
 * @example
 * const east = await unitByCodeOrThrow(storage, "acme", "east_sales");
 */
export async function unitByCodeOrThrow(
  storage: Pick<Storage, "db">,
  workspaceId: string,
  code: string,
): Promise<OrgUnit> {
  const [unit] = await storage.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.workspaceId, workspaceId), eq(orgUnits.code, code)));
  if (!unit) throw new EngineError("not_found", `no org unit "${code}"`);
  return unit;
}

/**
 * Adds an org unit under a parent (or as a root), identified by a code that
 * definitions may name (a territory team for assignment rules).
 *
 * @example
 * await createUnit(storage, "acme", { code: "east_sales", name: "East sales", kind: "team", parent: "sales" });
 */
export async function createUnit(
  storage: Storage,
  workspaceId: string,
  input: { code: string; name: string; kind?: OrgUnitKind; parent?: string | null },
  options: { actorId?: string } = {},
): Promise<OrgUnit> {
  if (!codePattern.test(input.code))
    throw new EngineError("bad_request", `"${input.code}" is not a valid unit code: lower snake_case`);
  checkName(input.name);
  if (input.kind !== undefined && !orgUnitKinds.includes(input.kind))
    throw invalid("kind", `"${String(input.kind)}" is not a unit kind: use ${orgUnitKinds.join(", ")}`);
  return storage.db.transaction(async (tx) => {
    // The parent's path is read under the lock: a concurrent move cannot leave the new unit on a stale path.
    await lockOrg(tx, workspaceId);
    const parent = input.parent
      ? await referenceField("parent", unitByCodeOrThrow({ db: tx }, workspaceId, input.parent))
      : undefined;
    const [created] = await tx
      .insert(orgUnits)
      .values({
        workspaceId,
        code: input.code,
        name: input.name,
        kind: input.kind ?? "team",
        parentId: parent?.id ?? null,
        path: "",
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new EngineError("conflict", `the org unit "${input.code}" already exists`);
    const path = `${parent?.path ?? "/"}${created.id}/`;
    await tx.update(orgUnits).set({ path }).where(eq(orgUnits.id, created.id));
    await tx.insert(auditLog).values({
      workspaceId,
      actorId: options.actorId ?? null,
      action: "org.unit.create",
      details: { code: input.code, parent: input.parent ?? null },
    });
    return { ...created, path };
  });
}

/**
 * Renames a unit and/or moves it (with everything below it) under another
 * parent (`null`: to the top), in one transaction; every check sees the new
 * place at once. A unit cannot move below itself.
 *
 * @example
 * await changeUnit(storage, "acme", "east_sales", { name: "East China sales", parent: "asia_region" });
 */
export async function changeUnit(
  storage: Storage,
  workspaceId: string,
  code: string,
  change: { name?: string; parent?: string | null },
  options: { actorId?: string } = {},
): Promise<OrgUnit> {
  if (change.name !== undefined) checkName(change.name);
  return storage.db.transaction(async (tx) => {
    await lockOrg(tx, workspaceId);
    // Read under the lock: a concurrent move may have changed the paths.
    let unit = await unitByCodeOrThrow({ db: tx }, workspaceId, code);
    if (change.name !== undefined && change.name !== unit.name) {
      await tx.update(orgUnits).set({ name: change.name }).where(eq(orgUnits.id, unit.id));
      await tx.insert(auditLog).values({
        workspaceId,
        actorId: options.actorId ?? null,
        action: "org.unit.rename",
        details: { code, from: unit.name, to: change.name },
      });
      unit = { ...unit, name: change.name };
    }
    if (change.parent === undefined) return unit;
    const parent = change.parent
      ? await referenceField("parent", unitByCodeOrThrow({ db: tx }, workspaceId, change.parent))
      : undefined;
    if (parent?.path.startsWith(unit.path))
      throw invalid("parent", `"${code}" cannot move below itself ("${change.parent}")`);
    const path = `${parent?.path ?? "/"}${unit.id}/`;
    await tx
      .update(orgUnits)
      .set({ path: sql`${path} || substr(${orgUnits.path}, ${unit.path.length + 1})` })
      .where(and(eq(orgUnits.workspaceId, workspaceId), like(orgUnits.path, `${unit.path}%`)));
    await tx
      .update(orgUnits)
      .set({ parentId: parent?.id ?? null })
      .where(eq(orgUnits.id, unit.id));
    await tx.insert(auditLog).values({
      workspaceId,
      actorId: options.actorId ?? null,
      action: "org.unit.move",
      details: { code, from: unit.parentId, to: change.parent },
    });
    return { ...unit, parentId: parent?.id ?? null, path };
  });
}

/**
 * Moves a unit (with everything below it) under another parent; every check
 * sees the new place at once. A unit cannot move below itself.
 *
 * @example
 * await moveUnit(storage, "acme", "east_sales", "asia_region");
 */
export async function moveUnit(
  storage: Storage,
  workspaceId: string,
  code: string,
  newParent: string | null,
  options: { actorId?: string } = {},
): Promise<OrgUnit> {
  return changeUnit(storage, workspaceId, code, { parent: newParent }, options);
}

/**
 * Lists a workspace's units, parents before children.
 *
 * @example
 * (await listUnits(storage, "acme")).map((u) => u.code); // ["company", "sales", "east_sales", ...]
 */
export async function listUnits(storage: Pick<Storage, "db">, workspaceId: string): Promise<OrgUnit[]> {
  return storage.db.select().from(orgUnits).where(eq(orgUnits.workspaceId, workspaceId)).orderBy(orgUnits.path);
}
