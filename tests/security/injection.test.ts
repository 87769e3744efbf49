// SQL injection through the list query language: filter values, field names,
// sort parameters, search terms and cursors. Every attempt answers 400 or a
// safe result within the user's scope, never 500, and changes nothing.
// Every attempt only reads, so the tests run a few at a time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, type Client, clientOf, problemOf, recordsOf } from "./http.ts";
import { openOrgFixture, type OrgFixture, userOrThrow } from "./org-fixture.ts";
import { expectUnchanged } from "./truth.ts";

let fixture: OrgFixture;
let rep: Client;
/** The ids of the customers rep.north1 may see: their own. */
let own: Set<unknown>;

beforeAll(async () => {
  fixture = await openOrgFixture("injection");
  rep = clientOf(fixture, userOrThrow(fixture, "rep.north1").token);
  own = new Set(
    fixture.seeded.byEntity
      .get("customer")!
      .filter((c) => c.owner === userOrThrow(fixture, "rep.north1").id)
      .map((c) => c.id),
  );
}, 120_000);
afterAll(() => fixture?.close());

const payloads = [
  "' OR 1=1 --",
  "' OR '1'='1",
  "1; drop table ws_acme.customer; --",
  "name; drop table customer",
  "'); delete from ws_acme.customer; --",
  '"owner"',
  "%' OR 1=1 --",
  "_%",
  "\\",
  "' UNION SELECT * FROM temper.users --",
  "＇ OR 1=1 --", // fullwidth apostrophe
  "\u2019 OR \u20191\u2019=\u20191", // typographic quotes
  "\u200b' OR 1=1 --", // zero-width space
  "\u202e' OR 1=1 --", // right-to-left override
  "Seed\u0301", // combining accent
  "🙂' OR 1=1 --",
  "x".repeat(10_000),
];

/** A safe answer: 400 as a problem, or 200 with nothing outside the scope. */
function expectSafe(answer: Answer, what: string): void {
  expect([200, 400], `${what}: ${answer.status} ${answer.text.slice(0, 200)}`).toContain(answer.status);
  if (answer.status === 400) expect(problemOf(answer).code).toBe("bad_request");
  else
    for (const record of recordsOf(answer))
      expect(own.has(record.id), `${what}: ${String(record.id)} is outside the scope`).toBe(true);
}

/** Sends one attempt and checks that its answer is safe (the database is compared around each test). */
async function attempt(path: string): Promise<Answer> {
  const answer = await rep.get(path);
  expectSafe(answer, path.slice(0, 120));
  return answer;
}

/** A test whose attempts, together, must leave the database unchanged. */
const unchanged =
  <A extends unknown[]>(test: (...args: A) => Promise<void>) =>
  (...args: A) =>
    expectUnchanged(fixture.storage, () => test(...args));

describe.concurrent("SQL injection through the list query language", () => {
  const named = payloads.map((p) => [JSON.stringify(p).slice(0, 40), p] as const);
  it.each(named)(
    "filter values and search terms: %s",
    unchanged(async (_name: string, payload: string) => {
      const value = encodeURIComponent(payload);
      for (const query of [
        `name=${value}`,
        `name.contains=${value}`,
        `city.ne=${value}`,
        `name.in=a,${value}`,
        `q=${value}`,
        `industry.not_in=${value}`,
      ]) {
        await attempt(`/records/customer?${query}`);
      }
      // The export reads through the same list path: one attempt there is enough.
      await attempt(`/records/customer/export?format=json&name.contains=${value}`);
      // A typed field refuses a value that is not of its type.
      expect((await attempt(`/records/customer?annual_revenue.gte=${value}`)).status).toBe(400);
      expect((await attempt(`/records/customer?owner=${value}`)).status).toBe(400);
    }),
  );

  it(
    "the classic always-true payload is a value like any other: nothing matches",
    unchanged(async () => {
      expect(recordsOf(await attempt(`/records/customer?name=${encodeURIComponent("' OR 1=1 --")}`))).toEqual([]);
      expect(recordsOf(await attempt(`/records/customer?q=${encodeURIComponent("%' OR 1=1 --")}`))).toEqual([]);
    }),
  );

  it.each([
    "name;drop table customer",
    '"owner"',
    'owner"--',
    "name) or (1=1",
    "ws_acme.customer.name.eq",
    "id::text",
    "name\u0000",
    "NAME",
    "name ",
    "tax_id\u200b",
  ])(
    "field names: %s answers 400 as an unknown field",
    unchanged(async (field: string) => {
      const answer = await attempt(`/records/customer?${encodeURIComponent(field)}=1`);
      expect(answer.status).toBe(400);
      const name = field.replace(/\.eq$/, "");
      expect(problemOf(answer).problems?.[0]).toMatchObject({ field: name, code: "unknown_field" });
    }),
  );

  it.each([
    "name;drop table customer",
    "-(select 1)",
    "name desc",
    '"name"',
    "1",
    "owner,(case when 1=1 then name end)",
    "name--",
    "pg_sleep(5)",
  ])(
    "sort parameters: %s answers 400",
    unchanged(async (sort: string) => {
      expect((await attempt(`/records/customer?sort=${encodeURIComponent(sort)}`)).status).toBe(400);
    }),
  );

  it(
    "operators and limits outside the language answer 400 or stay within the scope",
    unchanged(async () => {
      for (const query of ["name.like=x", "name.eq;drop=x", "limit=1;drop", "limit=-1", "sort=,,,"]) {
        const answer = await rep.get(`/records/customer?${query}`);
        expect([200, 400], `${query}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
        expectSafe(answer, query);
      }
    }),
  );
});

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

describe.concurrent("values PostgreSQL refuses", () => {
  // Values PostgreSQL would refuse (a NUL byte, a date out of range, a tampered cursor, a text among uuids) are the request's fault: 400.
  const refused = [
    ["a NUL byte in a filter value", "/records/customer?name=%00"],
    ["a NUL byte in a search term", "/records/customer?q=%00x"],
    ["a day that does not exist", "/records/contract?start_date.gte=2026-02-30"],
    ["an instant out of range", "/records/customer?created_at.gte=99999-01-01"],
    ["a number out of the column's range", "/records/customer?version.gte=99999999999999"],
    ["a text among user ids", "/records/opportunity?team.contains=x"],
    ["a tampered cursor", `/records/customer?cursor=${cursor(["x' or 1=1 --", "y"])}`],
    ["a cursor with a text for an id", `/records/customer?sort=name&cursor=${cursor(["a", "' OR 1=1"])}`],
  ];

  it.each(refused)("%s answers 400, not 500", async (_what, path) => {
    expect((await rep.get(path!)).status).toBe(400);
  });

  it.each(refused)("%s never leaks data nor changes anything", async (_what, path) => {
    await expectUnchanged(fixture.storage, async () => {
      const answer = await rep.get(path);
      expect(answer.status).not.toBe(200);
      expect(answer.text).not.toMatch(/ws_acme|select |PostgresError|invalid input/i);
    });
  });
});
