// The read operations of the matrix: list, search, export, read by id,
// history and the reference lookup (a picker's search), each checked against
// the oracle over the records the database holds at that moment.
import { expect } from "vitest";
import type { RecordData } from "../../engine/src/records/values.ts";
import { type Answer, pooled, problemOf, recordsOf } from "./http.ts";
import { expectExactly, type MatrixWorld, project, relation, sample } from "./matrix-world.ts";
import { historiesOf, truthOf } from "./truth.ts";

/** One case's subject: who, on which entity. */
export interface Subject {
  world: MatrixWorld;
  username: string;
  entity: string;
}

const label = (s: Subject, op: string) => `${s.username} ${op} ${s.entity}`;

/** A role without any read grant on an entity is refused the entity's lists outright. */
function expectNoReadGrant(answer: Answer, what: string): void {
  expect(answer.status, `${what}: no role of the user reads this entity, so 403`).toBe(403);
  expect(problemOf(answer).code).toBe("forbidden");
}

async function expectListLike(s: Subject, op: string, path: string, keep: (r: RecordData) => boolean = () => true) {
  const oracle = s.world.oracleOf(s.username);
  const answer = await s.world.clientOf(s.username).get(path);
  if (!oracle.hasGrant("read", s.entity)) return expectNoReadGrant(answer, label(s, op));
  expect(answer.status, `${label(s, op)}: ${answer.text.slice(0, 300)}`).toBe(200);
  const allowed = (await truthOf(s.world.fixture, s.entity)).filter((r) => keep(r) && oracle.can("read", s.entity, r));
  const records = recordsOf(answer);
  expect(allowed.length, `${label(s, op)}: the fixture fits in one page`).toBeLessThanOrEqual(200);
  expectExactly(records, allowed, oracle.readable(s.entity), label(s, op), oracle.entity(s.entity).titleField);
}

/** `GET /records/:entity`: exactly the records the oracle lets the user read, with exactly the readable fields. */
export function checkList(s: Subject): Promise<void> {
  return expectListLike(s, "lists", `/records/${s.entity}?limit=200`);
}

const term = "seed";
const titleHas = (s: Subject, text: string) => (r: RecordData) =>
  String(r[s.world.oracleOf(s.username).entity(s.entity).titleField] ?? "")
    .toLowerCase()
    .includes(text.toLowerCase());

/** `GET /records/:entity?q=seed`: the search finds exactly the readable records whose title matches. */
export function checkSearch(s: Subject): Promise<void> {
  return expectListLike(s, "searches", `/records/${s.entity}?q=${term}&limit=200`, titleHas(s, term));
}

/** `GET /records/:entity/export?format=json`: every readable record, nothing else, no hidden column. */
export function checkExport(s: Subject): Promise<void> {
  return expectListLike(s, "exports", `/records/${s.entity}/export?format=json`);
}

/**
 * The reference lookup: a form's picker searches the entity by the exact
 * title of one record the user may read and of one they may not; it finds
 * only what the oracle allows.
 */
export async function checkLookup(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const title = oracle.entity(s.entity).titleField;
  const truth = await truthOf(s.world.fixture, s.entity);
  const picks = sample(truth, (r) => String(oracle.can("read", s.entity, r)), 1, oracle.user.id);
  expect(picks.length, `${label(s, "looks up")}: the fixture has records to look up`).toBeGreaterThan(0);
  for (const { record } of picks) {
    const text = String(record[title]);
    await expectListLike(
      s,
      `looks up "${text}" in`,
      `/records/${s.entity}?q=${encodeURIComponent(text)}&limit=50`,
      titleHas(s, text),
    );
  }
}

/** `GET /records/:entity/:id` for samples of each class: the readable fields of a record in scope, 404 otherwise. */
export async function checkRead(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const readable = oracle.readable(s.entity);
  const truth = await truthOf(s.world.fixture, s.entity);
  const picks = sample(truth, (r) => `${oracle.can("read", s.entity, r)}:${relation(oracle, r)}`, 1, oracle.user.id);
  const client = s.world.clientOf(s.username);
  const answers = await pooled(
    picks.map(
      ({ record }) =>
        () =>
          client.get(`/records/${s.entity}/${String(record.id)}`),
    ),
  );
  picks.forEach(({ record, key }, i) => {
    const answer = answers[i]!;
    const what = `${label(s, "reads")} ${String(record.id)} (${key})`;
    if (oracle.can("read", s.entity, record)) {
      expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBe(200);
      expect(answer.body, what).toEqual(project(record, readable));
    } else {
      expect(answer.status, `${what}: outside the scope, so not found`).toBe(404);
      expect(problemOf(answer).code).toBe("not_found");
      expect(answer.text, `${what}: nothing of the record in the answer`).not.toContain(
        String(record[oracle.entity(s.entity).titleField]),
      );
    }
  });
}

/** `GET /records/:entity/:id/history`: the readable fields' changes of a record in scope, 404 otherwise. */
export async function checkHistory(s: Subject): Promise<void> {
  const oracle = s.world.oracleOf(s.username);
  const readable = oracle.readable(s.entity);
  const { storage } = s.world.fixture;
  const truth = await truthOf(s.world.fixture, s.entity);
  const byRecord = await historiesOf(storage, s.entity);
  const histories = truth.map((r) => byRecord.get(String(r.id)) ?? []);
  // The readable record with the most history (hidden fields' entries first), and one outside the scope.
  const ranked = truth
    .map((record, i) => ({ record, entries: histories[i]! }))
    .sort((a, b) => weight(b.entries, readable) - weight(a.entries, readable));
  const picks = [
    ranked.find(({ record }) => oracle.can("read", s.entity, record)),
    ranked.find(({ record }) => !oracle.can("read", s.entity, record)),
  ].filter((p) => p !== undefined);
  const client = s.world.clientOf(s.username);
  for (const { record, entries } of picks) {
    const answer = await client.get(`/records/${s.entity}/${String(record.id)}/history`);
    const what = `${label(s, "reads the history of")} ${String(record.id)}`;
    if (oracle.can("read", s.entity, record)) {
      expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBe(200);
      const shown = (answer.body as { history: Array<{ field: string }> }).history;
      const hidden = shown.filter((e) => !readable.has(e.field)).map((e) => e.field);
      expect(hidden, `${what}: entries of fields the user may not read`).toEqual([]);
      expect(shown, what).toEqual(entries.filter((e) => readable.has(e.field)));
    } else {
      expect(answer.status, `${what}: outside the scope, so not found`).toBe(404);
      expect(problemOf(answer).code).toBe("not_found");
    }
  }
}

function weight(entries: Array<{ field: string }>, readable: Set<string>): number {
  return entries.length + 100 * entries.filter((e) => !readable.has(e.field)).length;
}
