import type { Storage } from "../storage/platform/database.ts";
import { listUnits, type OrgUnit } from "./units.ts";

/** A unit as the org chart shows it: its parent by code, its depth, how many people it holds directly. */
export interface UnitNode {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  depth: number;
  people: number;
}

/**
 * Orders units as a tree, depth first, siblings by name: what an org chart
 * and `temper org list` show.
 *
 * @example
 * unitTree(units, new Map()).map((u) => `${"  ".repeat(u.depth)}${u.code}`); // ["company", "  east_region", "    east_sales", …]
 */
export function unitTree(units: OrgUnit[], people: Map<string, number>): UnitNode[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) {
    const parent = unit.parentId && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: UnitNode[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const siblings = [...(children.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const unit of siblings) {
      const parent = unit.parentId ? (byId.get(unit.parentId)?.code ?? null) : null;
      ordered.push({
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parent,
        depth,
        people: people.get(unit.id) ?? 0,
      });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/**
 * A workspace's org units as a tree, with the number of active people placed in each.
 *
 * @example
 * (await orgChart(storage, "acme"))[0]; // { code: "company", name: "Acme", kind: "company", parent: null, depth: 0, people: 2 }
 */
export async function orgChart(storage: Storage, workspaceId: string): Promise<UnitNode[]> {
  const units = await listUnits(storage, workspaceId);
  const counts = await storage.sql<Array<{ unit: string; people: number }>>`
    select org_unit_id as unit, count(*)::int as people from temper.users
    where workspace_id = ${workspaceId} and active and org_unit_id is not null group by org_unit_id`;
  return unitTree(units, new Map(counts.map((c) => [c.unit, c.people])));
}
