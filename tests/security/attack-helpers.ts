// What the attack suites share: finding seeded records and checking problems.
import { expect } from "vitest";
import { type Answer, problemOf } from "./http.ts";
import { type OrgFixture, userOrThrow } from "./org-fixture.ts";

/**
 * The first seeded record of an entity owned by a user (as the records service returned it).
 *
 * @example
 * const customer = ownedBy(fixture, "rep.north2", "customer");
 */
export function ownedBy(fixture: OrgFixture, username: string, entity: string): Record<string, unknown> {
  const id = userOrThrow(fixture, username).id;
  const record = fixture.seeded.byEntity.get(entity)?.find((r) => r.owner === id);
  if (!record) throw new Error(`the fixture has no ${entity} of ${username}`);
  return record;
}

/**
 * Asserts a problem answer: its status, code, and the field its first problem names.
 *
 * @example
 * expectProblem(answer, 403, "forbidden", "owner");
 */
export function expectProblem(answer: Answer, status: number, code: string, field?: string): void {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  const problem = problemOf(answer);
  expect(problem.code).toBe(code);
  if (field) expect(problem.problems?.[0]?.field, `the problem names "${field}"`).toBe(field);
}

/**
 * A problem body with a name replaced, to compare the answers about two
 * fields or ids: equal shapes reveal nothing that tells them apart.
 *
 * @example
 * expect(shape(hidden, "tax_id")).toEqual(shape(unknown, "fax"));
 */
export function shape(answer: Answer, name: string): unknown {
  return JSON.parse(answer.text.replaceAll(name, "<name>"));
}
