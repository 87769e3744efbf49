// The write operations of the matrix: create, update, delete, writes of
// fields the user may not write, and references to records outside the
// user's scope, each checked against the oracle and the database after.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { RecordData } from "../../engine/src/records/values.ts";
import { type Answer, problemOf } from "./http.ts";
import type { Subject } from "./matrix-reads.ts";
import { project, relation, sample } from "./matrix-world.ts";
import { deleteBlocked, truthOf, worldOf } from "./truth.ts";
import { editableField, protectedFields, validInput, valueOf } from "./write-inputs.ts";

const label = (s: Subject, op: string) => `${s.username} ${op} ${s.entity}`;
const countOf = async (s: Subject) => (await truthOf(s.world.fixture, s.entity)).length;

function expectStatus(answer: Answer, status: number, what: string): void {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBe(status);
}

/** What a write of a field the user may not write must answer: 403 naming it, or, for a field they may not even read, what an unknown field gets. */
function expectRefusedField(answer: Answer, field: string, readable: Set<string>, what: string): void {
  const hidden = field !== "owner" && !readable.has(field);
  expectStatus(answer, hidden ? 422 : 403, `${what} "${field}"${hidden ? " (unreadable: as if unknown)" : ""}`);
  const problem = problemOf(answer);
  expect(problem.code).toBe(hidden ? "validation_failed" : "forbidden");
  expect(problem.problems?.[0], `${what} "${field}": the problem names it`).toMatchObject({
    field,
    ...(hidden ? { code: "unknown_field" } : {}),
  });
}

/** `POST /records/:entity` with a valid input: 201 with the readable fields when the oracle allows it, else 403 and nothing written. */
export async function checkCreate(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const world = await worldOf(s.world.fixture, s.world.crm);
  const input = validInput(oracle, s.entity, world, s.world.next());
  const writable = oracle.writable(s.entity);
  const allowed =
    Object.keys(input).every((f) => writable.has(f)) &&
    oracle.can("create", s.entity, { ...input, owner: oracle.user.id });
  const answer = await s.world.clientOf(s.username).post(`/records/${s.entity}`, input);
  const after = await truthOf(s.world.fixture, s.entity);
  if (!allowed) {
    expectStatus(answer, 403, `${label(s, "creates")}: the oracle refuses`);
    expect(problemOf(answer).code).toBe("forbidden");
    expect(after.length, `${label(s, "creates")}: nothing written`).toBe(world.get(s.entity)!.length);
    return;
  }
  expectStatus(answer, 201, `${label(s, "creates")}: the oracle allows`);
  const body = answer.body as RecordData;
  const stored = after.find((r) => r.id === body.id);
  if (s.world.crm.ownerAssigned.has(s.entity))
    expect(
      s.world.people.map((p) => p.id),
      `${label(s, "creates")}: owned by whom its process assigned`,
    ).toContain(stored?.owner);
  else expect(stored?.owner, `${label(s, "creates")}: owned by the user`).toBe(oracle.user.id);
  expect(body, `${label(s, "creates")}: exactly the readable fields`).toEqual(
    project(stored!, oracle.readable(s.entity)),
  );
}

/** Creates with each field the user may not write, and `owner`: each refused naming the field; nothing written. */
export async function checkCreateProtected(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const world = await worldOf(s.world.fixture, s.world.crm);
  const readable = oracle.readable(s.entity);
  const other =
    s.world.people.find((p) => p.id !== oracle.user.id && oracle.subtree.has(p.id)) ??
    s.world.people.find((p) => p.id !== oracle.user.id)!;
  const client = s.world.clientOf(s.username);
  for (const field of protectedFields(oracle, s.entity)) {
    const n = s.world.next();
    const model = oracle.entity(s.entity).fields.find((f) => f.name === field);
    const value = field === "owner" ? other.id : valueOf(model!, n, (t) => world.get(t)?.[0]?.id, oracle.user.id);
    const answer = await client.post(`/records/${s.entity}`, {
      ...validInput(oracle, s.entity, world, n),
      [field]: value,
    });
    expectRefusedField(answer, field, readable, label(s, "creates with"));
  }
  expect(await countOf(s), `${label(s, "creates")} with protected fields: nothing written`).toBe(
    world.get(s.entity)!.length,
  );
}

/** The answer an update of `field` gets, by the oracle. */
function updateOutcome(s: Subject, record: RecordData, field: string | undefined): number {
  const oracle = s.world.oracleOf(s.username);
  if (!field) return 403;
  if (!oracle.can("read", s.entity, record)) return 404;
  return oracle.can("update", s.entity, record) ? 200 : 403;
}

/** `PATCH /records/:entity/:id` of a writable field, on a record of each outcome (200, 403, 404); refused ones unchanged. */
export async function checkUpdate(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const model = oracle.entity(s.entity);
  const field = editableField(oracle, s.entity);
  const truth = await truthOf(s.world.fixture, s.entity);
  const picks = sample(truth, (r) => `${updateOutcome(s, r, field)}:${relation(oracle, r)}`, 1, oracle.user.id);
  const client = s.world.clientOf(s.username);
  for (const { record } of picks) {
    const expected = updateOutcome(s, record, field);
    const name = field ?? model.titleField;
    const value = name === model.titleField ? `${String(record[name])} (edited)` : `Matrix edit ${s.world.next()}`;
    const what = `${label(s, "changes")} ${String(record.id)} (${relation(oracle, record)})`;
    const answer = await client.patch(`/records/${s.entity}/${String(record.id)}`, {
      [name]: value,
      version: record.version,
    });
    expectStatus(answer, expected, what);
    const stored = (await truthOf(s.world.fixture, s.entity)).find((r) => r.id === record.id)!;
    if (expected === 200) {
      expect(stored[name], `${what}: written`).toBe(value);
      expect(answer.body, `${what}: exactly the readable fields`).toEqual(project(stored, oracle.readable(s.entity)));
    } else {
      expect(stored.version, `${what}: nothing written`).toBe(record.version);
      expect(problemOf(answer).code).toBe(expected === 404 ? "not_found" : "forbidden");
    }
  }
}

/** Updates with each field the user may not write: refused naming the field, the record unchanged. */
export async function checkUpdateProtected(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const world = await worldOf(s.world.fixture, s.world.crm);
  const truth = world.get(s.entity)!;
  const target =
    truth.find((r) => oracle.can("update", s.entity, r)) ??
    truth.find((r) => oracle.can("read", s.entity, r)) ??
    truth[0]!;
  const other = s.world.people.find((p) => p.id !== oracle.user.id)!;
  const client = s.world.clientOf(s.username);
  for (const field of protectedFields(oracle, s.entity)) {
    const model = oracle.entity(s.entity).fields.find((f) => f.name === field);
    const value =
      field === "owner" ? other.id : valueOf(model!, s.world.next(), (t) => world.get(t)?.[0]?.id, oracle.user.id);
    const answer = await client.patch(`/records/${s.entity}/${String(target.id)}`, {
      [field]: value,
      version: target.version,
    });
    expectRefusedField(answer, field, oracle.readable(s.entity), label(s, "changes"));
  }
  const stored = (await truthOf(s.world.fixture, s.entity)).find((r) => r.id === target.id);
  expect(stored?.version, `${label(s, "changes")} with protected fields: nothing written`).toBe(target.version);
}

/** `DELETE /records/:entity/:id` on a record of each outcome: 204, 409 (still referenced), 403, 404. */
export async function checkDelete(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const outcome = (world: Map<string, RecordData[]>, record: RecordData) => {
    if (!oracle.can("read", s.entity, record)) return 404;
    if (!oracle.can("delete", s.entity, record)) return 403;
    return deleteBlocked(s.world.crm, world, s.entity, record.id) ? 409 : 204;
  };
  const world = await worldOf(s.world.fixture, s.world.crm);
  // The one delete that succeeds goes last: the answers before it change nothing, so one reading of the world serves all.
  const picks = sample(world.get(s.entity)!, (r) => String(outcome(world, r)), 1, oracle.user.id).sort(
    (a, b) => Number(a.key === "204") - Number(b.key === "204"),
  );
  const client = s.world.clientOf(s.username);
  for (const { record } of picks) {
    const expected = outcome(world, record);
    const what = `${label(s, "deletes")} ${String(record.id)} (${relation(oracle, record)})`;
    const answer = await client.del(`/records/${s.entity}/${String(record.id)}`);
    expectStatus(answer, expected, what);
    const stored = (await truthOf(s.world.fixture, s.entity)).find((r) => r.id === record.id);
    if (expected === 204) expect(stored, `${what}: deleted`).toBeUndefined();
    else expect(stored?.version, `${what}: kept`).toBe(record.version);
  }
}

/**
 * A create that references a record outside the user's read scope must be
 * refused exactly like a reference to a record that does not exist (422
 * naming the field), revealing nothing; nothing is written.
 */
export async function checkReference(s: Subject, fields: string[]): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const world = await worldOf(s.world.fixture, s.world.crm);
  const client = s.world.clientOf(s.username);
  for (const field of fields) {
    const target = oracle.entity(s.entity).fields.find((f) => f.name === field)!.entity!;
    const outside = world.get(target)!.find((r) => !oracle.can("read", target, r));
    expect(outside, `the fixture has a ${target} outside the scope of ${s.username}`).toBeDefined();
    const input = validInput(oracle, s.entity, world, s.world.next());
    const missing = await client.post(`/records/${s.entity}`, { ...input, [field]: randomUUID() });
    const hidden = await client.post(`/records/${s.entity}`, { ...input, [field]: outside!.id });
    const what = `${label(s, "creates")} with ${field} = a ${target} outside the scope`;
    expectStatus(missing, 422, `${label(s, "creates")} with ${field} = no ${target}`);
    expectStatus(hidden, 422, what);
    const [a, b] = [problemOf(missing), problemOf(hidden)];
    expect(
      { code: b.code, problems: b.problems, detail: b.detail },
      `${what}: answered as if it did not exist`,
    ).toEqual({
      code: a.code,
      problems: a.problems,
      detail: a.detail,
    });
  }
  expect(await countOf(s), `${label(s, "creates")} with references outside the scope: nothing written`).toBe(
    world.get(s.entity)!.length,
  );
}
