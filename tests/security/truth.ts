// What the database holds, read with plain SQL: the truth the oracle's
// expectations are computed from and the checksums attacks compare.
import { expect } from "vitest";
import { recordFromRow, type RecordData } from "../../engine/src/records/values.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import type { Crm, EntityJson } from "./oracle.ts";
import type { OrgFixture } from "./org-fixture.ts";

/** One change of a tracked field, as the history endpoint shows it. */
export interface TruthHistory {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: string;
}

/**
 * Every record of an entity in "acme", as the API formats records, oldest first.
 *
 * @example
 * const customers = await truthOf(fixture, "customer");
 */
export async function truthOf(
  fixture: Pick<OrgFixture, "storage" | "definition">,
  entity: string,
): Promise<RecordData[]> {
  const { sql } = fixture.storage;
  const model = fixture.definition.entities.get(entity);
  if (!model) throw new Error(`no entity "${entity}"`);
  const rows = await sql`select * from ${sql("ws_acme")}.${sql(entity)} order by created_at, id`;
  return rows.map((row) => recordFromRow(model, row));
}

/**
 * Every record of every entity in "acme", by entity.
 *
 * @example
 * const world = await worldOf(fixture, crm);
 */
export async function worldOf(
  fixture: Pick<OrgFixture, "storage" | "definition">,
  crm: Crm,
): Promise<Map<string, RecordData[]>> {
  const names = [...crm.entities.keys()];
  const all = await Promise.all(names.map((name) => truthOf(fixture, name)));
  return new Map(names.map((name, i) => [name, all[i]!]));
}

/**
 * The field history of every record of an entity, newest first, straight
 * from the table, by record id.
 *
 * @example
 * const entries = (await historiesOf(storage, "customer")).get(id) ?? [];
 */
export async function historiesOf(storage: Storage, entity: string): Promise<Map<string, TruthHistory[]>> {
  const rows = await storage.sql<
    Array<{
      record_id: string;
      field: string;
      old_value: unknown;
      new_value: unknown;
      changed_by: string | null;
      changed_at: Date;
    }>
  >`select record_id, field, old_value, new_value, changed_by, changed_at from temper.field_history
    where workspace_id = 'acme' and entity = ${entity} order by changed_at desc, id desc`;
  const byRecord = new Map<string, TruthHistory[]>();
  for (const r of rows) {
    const entries = byRecord.get(r.record_id) ?? [];
    entries.push({
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      changedBy: r.changed_by,
      changedAt: r.changed_at.toISOString(),
    });
    byRecord.set(r.record_id, entries);
  }
  return byRecord;
}

function referencesTo(crm: Crm, target: string): Array<{ entity: EntityJson; field: string; onDelete: string }> {
  return [...crm.entities.values()].flatMap((entity) =>
    entity.fields
      .filter((f) => f.type === "reference" && f.entity === target)
      .map((f) => ({ entity, field: f.name, onDelete: f.onDelete ?? "restrict" })),
  );
}

/**
 * Whether PostgreSQL would refuse to delete a record: another record refers
 * to it with `restrict`, directly or through a chain of `cascade` deletes.
 *
 * @example
 * deleteBlocked(crm, world, "customer", id); // true while a contact refers to it
 */
export function deleteBlocked(
  crm: Crm,
  world: Map<string, RecordData[]>,
  entity: string,
  id: unknown,
  seen = new Set<unknown>(),
): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  return referencesTo(crm, entity).some(({ entity: from, field, onDelete }) =>
    (world.get(from.name) ?? [])
      .filter((r) => r[field] === id)
      .some(
        (r) => onDelete === "restrict" || (onDelete === "cascade" && deleteBlocked(crm, world, from.name, r.id, seen)),
      ),
  );
}

/**
 * A checksum of everything an attack could change: every entity table of both
 * workspaces, the field history, the audit log, users and org units (not the
 * tokens, whose last use every request records).
 *
 * @example
 * const before = await databaseChecksum(storage);
 * // … the attack …
 * expect(await databaseChecksum(storage)).toBe(before);
 */
export async function databaseChecksum(storage: Storage): Promise<string> {
  const { sql } = storage;
  const tables = await sql<Array<{ name: string }>>`select format('%I.%I', table_schema, table_name) as name
    from information_schema.tables where table_schema in ('ws_acme', 'ws_globex') order by 1`;
  // One statement, one round trip: a line per table (count and digest of its rows), then the platform's tables.
  const parts = [
    ...tables.map(
      ({ name }) =>
        `(select '${name}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from ${name} t)`,
    ),
    `(select 'history:' || count(*) || ':' || coalesce(md5(string_agg(h::text, '|' order by h.id)), '') from temper.field_history h)`,
    `(select 'audit:' || count(*) from temper.audit_log)`,
    `(select 'users:' || md5(string_agg(concat_ws(',', id, active, roles, org_unit_id, manager_id), '|' order by id)) from temper.users)`,
    `(select 'units:' || md5(string_agg(concat_ws(',', id, parent_id, path), '|' order by id)) from temper.org_units)`,
  ];
  const [row] = await sql.unsafe<[{ sum: string }]>(`select concat_ws(E'\\n', ${parts.join(", ")}) as sum`);
  return row.sum;
}

/**
 * Runs an attempt and asserts that the database is exactly as before it.
 *
 * @example
 * await expectUnchanged(fixture.storage, () => rep.patch(`/records/customer/${id}`, { owner: other, version: 1 }));
 */
export async function expectUnchanged<T>(storage: Storage, attempt: () => Promise<T>): Promise<T> {
  const before = await databaseChecksum(storage);
  const result = await attempt();
  expect(await databaseChecksum(storage), "the attempt changed the database").toBe(before);
  return result;
}
