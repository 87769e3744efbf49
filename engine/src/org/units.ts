import { and, eq, like, sql } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";
import { auditLog, orgUnits } from "../storage/platform/schema.ts";

export type OrgUnitKind = "company" | "region" | "department" | "team";

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string;
}

const codePattern = /^[a-z][a-z0-9_]{0,47}$/;

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
): Promise<OrgUnit> {
  if (!codePattern.test(input.code))
    throw new EngineError("bad_request", `"${input.code}" is not a valid unit code: lower snake_case`);
  const parent = input.parent ? await unitByCodeOrThrow(storage, workspaceId, input.parent) : undefined;
  return storage.db.transaction(async (tx) => {
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
    await tx
      .insert(auditLog)
      .values({ workspaceId, action: "org.unit.create", details: { code: input.code, parent: input.parent ?? null } });
    return { ...created, path };
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
): Promise<OrgUnit> {
  const unit = await unitByCodeOrThrow(storage, workspaceId, code);
  const parent = newParent ? await unitByCodeOrThrow(storage, workspaceId, newParent) : undefined;
  if (parent?.path.startsWith(unit.path))
    throw new EngineError("bad_request", `"${code}" cannot move below itself ("${newParent}")`);
  const path = `${parent?.path ?? "/"}${unit.id}/`;
  await storage.db.transaction(async (tx) => {
    await tx
      .update(orgUnits)
      .set({ path: sql`${path} || substr(${orgUnits.path}, ${unit.path.length + 1})` })
      .where(and(eq(orgUnits.workspaceId, workspaceId), like(orgUnits.path, `${unit.path}%`)));
    await tx
      .update(orgUnits)
      .set({ parentId: parent?.id ?? null })
      .where(eq(orgUnits.id, unit.id));
    await tx
      .insert(auditLog)
      .values({ workspaceId, action: "org.unit.move", details: { code, from: unit.parentId, to: newParent } });
  });
  return { ...unit, parentId: parent?.id ?? null, path };
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
