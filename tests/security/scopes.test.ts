// Acceptance: over HTTP, each person of the seeded org lists customers and
// sees exactly those their place in the org allows, counted against the data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeUser } from "../../engine/src/org/people.ts";
import { clientOf, recordsOf } from "./http.ts";
import { openOrgFixture, type OrgFixture, userOrThrow } from "./org-fixture.ts";

let fixture: OrgFixture;

beforeAll(async () => {
  fixture = await openOrgFixture("scopes");
}, 120_000);
afterAll(() => fixture?.close());

/** The customers a user lists over HTTP, as "owner: name" sorted. */
async function listed(username: string): Promise<string[]> {
  const answer = await clientOf(fixture, userOrThrow(fixture, username).token).get("/records/customer?limit=200");
  expect(answer.status, answer.text).toBe(200);
  return recordsOf(answer)
    .map((r) => `${String(r.owner)}: ${String(r.name)}`)
    .sort();
}

/** The seeded customers owned by these users, as "owner: name" sorted. */
function seededOf(...usernames: string[]): string[] {
  const ids = usernames.map((u) => userOrThrow(fixture, u).id);
  return fixture.seeded.byEntity
    .get("customer")!
    .filter((c) => ids.includes(String(c.owner)))
    .map((c) => `${String(c.owner)}: ${String(c.name)}`)
    .sort();
}

const team = (region: "north" | "south") => [`mgr.${region}`, ...[1, 2, 3].map((n) => `rep.${region}${n}`)];

describe("who sees which customers", () => {
  it("seeds what the counts below assume: 2 customers per rep, 1 per manager, director and executive", async () => {
    const [{ count }] = await fixture.storage.sql<
      [{ count: number }]
    >`select count(*)::int as count from ws_acme.customer`;
    expect(count).toBe(6 * 2 + 4);
    expect(fixture.seeded.byEntity.get("customer")).toHaveLength(16);
  });

  it("a rep sees exactly their own customers", async () => {
    for (const rep of ["rep.north1", "rep.north2", "rep.south3"]) {
      const seen = await listed(rep);
      expect(seen).toHaveLength(2);
      expect(seen).toEqual(seededOf(rep));
    }
  });

  it("a rep never sees a colleague's customer, even in their own team", async () => {
    const seen = await listed("rep.north1");
    const colleagues = seededOf("rep.north2", "rep.north3", "mgr.north");
    expect(seen.filter((c) => colleagues.includes(c))).toEqual([]);
  });

  it("a manager sees exactly their team's customers, the other manager exactly theirs", async () => {
    const north = await listed("mgr.north");
    const south = await listed("mgr.south");
    expect(north).toHaveLength(7);
    expect(north).toEqual(seededOf(...team("north")));
    expect(south).toHaveLength(7);
    expect(south).toEqual(seededOf(...team("south")));
    expect(north.filter((c) => south.includes(c))).toEqual([]);
  });

  it("the sales director sees both teams and their own, not the executive's", async () => {
    const seen = await listed("director");
    expect(seen).toHaveLength(15);
    expect(seen).toEqual(seededOf("director", ...team("north"), ...team("south")));
  });

  it("the executive sees every customer", async () => {
    const seen = await listed("exec");
    expect(seen).toHaveLength(16);
    expect(seen).toEqual(seededOf(...fixture.users.keys()));
  });

  it("the counts stay exact through the search and the export", async () => {
    const rep = clientOf(fixture, userOrThrow(fixture, "rep.south2").token);
    expect(recordsOf(await rep.get("/records/customer?q=seed&limit=200"))).toHaveLength(2);
    expect(recordsOf(await rep.get("/records/customer/export?format=json"))).toHaveLength(2);
    const manager = clientOf(fixture, userOrThrow(fixture, "mgr.south").token);
    expect(recordsOf(await manager.get("/records/customer/export?format=json"))).toHaveLength(7);
  });

  it("moving a rep to the other team moves their customers to the other manager at once", async () => {
    await placeUser(fixture.storage, "acme", "rep.north3", { unit: "south_team", manager: "mgr.south" });
    try {
      expect(await listed("mgr.north")).toEqual(seededOf("mgr.north", "rep.north1", "rep.north2"));
      expect(await listed("mgr.south")).toEqual(seededOf(...team("south"), "rep.north3"));
    } finally {
      await placeUser(fixture.storage, "acme", "rep.north3", { unit: "north_team", manager: "mgr.north" });
    }
    expect(await listed("mgr.north")).toEqual(seededOf(...team("north")));
  });
});
