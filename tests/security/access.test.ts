// Attacks on access itself: a valid token of another workspace, forged
// tokens, and tokens that should no longer work (a signed-out session, a
// deactivated user). Each asserts the exact status and that the database is
// unchanged.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, signIn } from "../../engine/src/users/service.ts";
import { expectProblem, ownedBy } from "./attack-helpers.ts";
import { type Client, clientOf, recordsOf } from "./http.ts";
import { openOrgFixture, type OrgFixture, password, userOrThrow } from "./org-fixture.ts";
import { expectUnchanged } from "./truth.ts";

let fixture: OrgFixture;
let rep: Client;

beforeAll(async () => {
  fixture = await openOrgFixture("access", { otherWorkspace: true });
  rep = clientOf(fixture, userOrThrow(fixture, "rep.north1").token);
}, 120_000);
afterAll(() => fixture?.close());

const owned = (username: string, entity: string) => ownedBy(fixture, username, entity);
const unchanged = <T>(attempt: () => Promise<T>) => expectUnchanged(fixture.storage, attempt);

describe("other workspaces", () => {
  it("a valid token of another workspace reaches none of this one's records, and the other way round", async () => {
    const globex = clientOf(fixture, fixture.other!.token);
    const acme = owned("rep.north1", "customer");
    await unchanged(async () => {
      expectProblem(await globex.get(`/records/customer/${String(acme.id)}`), 404, "not_found");
      expectProblem(
        await globex.patch(`/records/customer/${String(acme.id)}`, { city: "x", version: 1 }),
        404,
        "not_found",
      );
      expectProblem(await globex.del(`/records/customer/${String(acme.id)}`), 404, "not_found");
      expect(recordsOf(await globex.get("/records/customer?limit=200")).map((r) => r.id)).toEqual(
        fixture.other!.customerIds,
      );
      for (const id of fixture.other!.customerIds) {
        expectProblem(await rep.get(`/records/customer/${id}`), 404, "not_found");
        expectProblem(await rep.patch(`/records/customer/${id}`, { city: "x", version: 1 }), 404, "not_found");
        expectProblem(await rep.del(`/records/customer/${id}`), 404, "not_found");
      }
      expect(recordsOf(await rep.get(`/records/customer?id.in=${fixture.other!.customerIds.join(",")}`))).toEqual([]);
    });
  });

  it("a forged or altered token is refused with 401", async () => {
    const token = userOrThrow(fixture, "rep.north1").token;
    await unchanged(async () => {
      for (const forged of [`${token}x`, token.slice(1), randomUUID(), "' OR 1=1 --"]) {
        expectProblem(await clientOf(fixture, forged).get("/records/customer"), 401, "unauthenticated");
      }
      expectProblem(await clientOf(fixture, undefined).get("/records/customer"), 401, "unauthenticated");
    });
  });
});

describe("tokens that no longer work", () => {
  it("a signed-out session's token gets 401; the user's other sessions keep working", async () => {
    const first = await signIn(fixture.storage, { workspace: "acme", username: "rep.south2", password });
    const second = await signIn(fixture.storage, { workspace: "acme", username: "rep.south2", password });
    expect((await clientOf(fixture, first.token).post("/auth/logout", {})).status).toBe(204);
    await unchanged(async () => {
      expectProblem(await clientOf(fixture, first.token).get("/records/customer"), 401, "unauthenticated");
      expectProblem(
        await clientOf(fixture, first.token).post("/records/customer", { name: "Late", region: "south" }),
        401,
        "unauthenticated",
      );
    });
    expect((await clientOf(fixture, second.token).get("/records/customer")).status).toBe(200);
  });

  it("a deactivated user's session and API tokens get 401, and they cannot sign in again", async () => {
    const user = userOrThrow(fixture, "rep.south3");
    const apiToken = await createApiToken(fixture.storage, user.id, "erp-sync");
    expect((await clientOf(fixture, apiToken).get("/records/customer")).status).toBe(200);
    await fixture.storage.sql`update temper.users set active = false where id = ${user.id}`;
    await unchanged(async () => {
      for (const token of [user.token, apiToken]) {
        const client = clientOf(fixture, token);
        expectProblem(await client.get("/records/customer"), 401, "unauthenticated");
        expectProblem(
          await client.get(`/records/customer/${String(owned("rep.south3", "customer").id)}`),
          401,
          "unauthenticated",
        );
        expectProblem(
          await client.patch(`/records/customer/${String(owned("rep.south3", "customer").id)}`, {
            city: "x",
            version: 1,
          }),
          401,
          "unauthenticated",
        );
      }
      const again = await fixture.api.request("/api/v1/auth/login", {
        method: "POST",
        body: JSON.stringify({ workspace: "acme", username: "rep.south3", password }),
      });
      expect(again.status).toBe(401);
    });
  });
});
