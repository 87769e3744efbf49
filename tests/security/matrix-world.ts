// What every matrix case works with: the fixture, the oracle of each user,
// their API client, and helpers to compare answers with the oracle.
import { expect } from "vitest";
import type { RecordData } from "../../engine/src/records/values.ts";
import { type Client, clientOf } from "./http.ts";
import { type Crm, Oracle, type OrgPerson, readCrm, subtreeOf } from "./oracle.ts";
import { crmFolder, type OrgFixture, plannedUnits } from "./org-fixture.ts";

/** The seeded org as the matrix sees it. */
export interface MatrixWorld {
  fixture: OrgFixture;
  crm: Crm;
  people: OrgPerson[];
  oracleOf(username: string): Oracle;
  clientOf(username: string): Client;
  /** A number no other write of the run uses (for unique values). */
  next(): number;
}

/**
 * Builds the matrix's view of a fixture: the CRM's JSON, the org as the
 * oracle knows it (from the fixture's plan, not from the engine), and an
 * oracle and a client per user.
 *
 * @example
 * const world = matrixWorld(fixture);
 * world.oracleOf("rep.north1").can("read", "customer", record);
 */
export function matrixWorld(fixture: OrgFixture): MatrixWorld {
  const crm = readCrm(crmFolder);
  const ids = new Map([...fixture.users.values()].map((u) => [u.username, u.id]));
  const people: OrgPerson[] = [...fixture.users.values()].map((u) => ({
    id: u.id,
    username: u.username,
    roles: u.roles,
    unit: u.unit,
    managerId: u.manager ? ids.get(u.manager)! : null,
  }));
  const oracles = new Map(
    people.map((p) => [p.username, new Oracle(crm, p, subtreeOf(people, plannedUnits, p))] as const),
  );
  let counter = 0;
  return {
    fixture,
    crm,
    people,
    oracleOf(username) {
      const oracle = oracles.get(username);
      if (!oracle) throw new Error(`no user "${username}" in the fixture`);
      return oracle;
    },
    clientOf: (username) => clientOf(fixture, fixture.users.get(username)!.token),
    next: () => ++counter,
  };
}

/** A record as JSON with its keys in order, to compare records quickly. */
function canonical(record: RecordData): string {
  return JSON.stringify(Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** The fields of a record the user may read, and nothing else. */
export function project(record: RecordData, readable: Set<string>): RecordData {
  return Object.fromEntries(Object.entries(record).filter(([name]) => readable.has(name)));
}

/** How a record's owner stands to the user: their own, in their subtree, or outside it. */
export function relation(oracle: Oracle, record: RecordData): "own" | "subtree" | "outside" {
  if (record.owner === oracle.user.id) return "own";
  return oracle.subtree.has(String(record.owner)) ? "subtree" : "outside";
}

/**
 * Picks up to `perClass` records of each class, in order, records owned by
 * someone else first: the samples of by-id operations.
 *
 * @example
 * sample(customers, (r) => `${oracle.can("read", "customer", r)}:${relation(oracle, r)}`, 2);
 */
export function sample(records: RecordData[], classOf: (record: RecordData) => string, perClass = 1, self?: string) {
  const ordered = [...records.filter((r) => r.owner !== self), ...records.filter((r) => r.owner === self)];
  const taken = new Map<string, RecordData[]>();
  for (const record of ordered) {
    const key = classOf(record);
    const group = taken.get(key) ?? [];
    if (group.length < perClass) taken.set(key, [...group, record]);
  }
  return [...taken.entries()].flatMap(([key, group]) => group.map((record) => ({ key, record })));
}

/**
 * Asserts that records answered by the API are exactly those the oracle
 * allows (no leak, no wrongful denial), each with exactly the readable
 * fields and the stored values.
 *
 * @example
 * expectExactly(recordsOf(answer), allowed, oracle.readable("customer"), "rep.north1 lists customer");
 */
export function expectExactly(
  actual: RecordData[],
  allowed: RecordData[],
  readable: Set<string>,
  label: string,
  titleField: string,
): void {
  const allowedIds = new Set(allowed.map((r) => r.id));
  const actualIds = new Set(actual.map((r) => r.id));
  const leaks = actual
    .filter((r) => !allowedIds.has(r.id))
    .map((r) => `${String(r.id)} ${String(r[titleField] ?? "")}`);
  const denials = allowed.filter((r) => !actualIds.has(r.id)).map((r) => `${String(r.id)} ${String(r[titleField])}`);
  expect({ leaks, denials }, `${label}: records the oracle denies (leaks) or allows (denials)`).toEqual({
    leaks: [],
    denials: [],
  });
  expect(actual.length, `${label}: each record once`).toBe(actualIds.size);
  // Compared record by record cheaply, then asserted once: a list case compares up to a few hundred records.
  const byId = new Map(allowed.map((r) => [r.id, r]));
  const wrongFields: Array<{ id: unknown; hidden: string[]; missing: string[] }> = [];
  const wrongValues: Array<{ id: unknown; actual: RecordData; expected: RecordData }> = [];
  for (const record of actual) {
    const hidden = Object.keys(record).filter((name) => !readable.has(name));
    const missing = [...readable].filter((name) => !(name in record));
    if (hidden.length > 0 || missing.length > 0) wrongFields.push({ id: record.id, hidden, missing });
    const expected = project(byId.get(record.id)!, readable);
    if (canonical(record) !== canonical(expected)) wrongValues.push({ id: record.id, actual: record, expected });
  }
  expect(wrongFields, `${label}: fields not readable (hidden) or stripped wrongly (missing)`).toEqual([]);
  const [first] = wrongValues;
  if (first)
    expect(first.actual, `${label}: values of ${String(first.id)} (and ${wrongValues.length - 1} more)`).toEqual(
      first.expected,
    );
}
