import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
let activityId: string;

interface Inbox {
  notifications: Array<{
    id: string;
    kind: string;
    actor: string;
    message: string;
    recordId: string;
    readAt: string | null;
  }>;
  unread: number;
}

const inbox = async (username: string, query = "") =>
  (await (await fixture.as(username)("GET", `/notifications${query}`)).json()) as Inbox;
const annotationCount = async () =>
  (await fixture.storage.sql<[{ n: number }]>`select count(*)::int as n from temper.annotations`)[0].n;

beforeAll(async () => {
  fixture = await openApiFixture("api_annotations");
  const created = await fixture.as("rep.e1")("POST", "/records/activity", {
    subject: "Visit Hanwha",
    kind: "visit",
    occurred_at: "2026-11-02T02:00:00Z",
  });
  activityId = ((await created.json()) as { id: string }).id;
}, 60_000);
afterAll(() => fixture?.close());

const annotate = (username: string, body: unknown = { body: "Bring the service engineer next time." }) =>
  fixture.as(username)("POST", `/records/activity/${activityId}/annotations`, body);

describe("annotations and notifications", () => {
  it("lets a manager over the owner annotate; only the owner is notified", async () => {
    const response = await annotate("mgr.east");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      author: "mgr.east",
      body: "Bring the service engineer next time.",
      recordId: activityId,
    });
    const owner = await inbox("rep.e1");
    expect(owner.unread).toBe(1);
    expect(owner.notifications).toEqual([
      expect.objectContaining({
        kind: "annotation",
        actor: "mgr.east",
        recordId: activityId,
        message: "mgr.east annotated your activity “Visit Hanwha”",
        readAt: null,
      }),
    ]);
    for (const other of ["rep.e2", "exec", "mgr.east", "mgr.west", "admin"])
      expect((await inbox(other)).notifications, other).toEqual([]);
  });

  it("refuses the owner (403), and hides the record from those who cannot read it (404)", async () => {
    const before = await annotationCount();
    const own = await annotate("rep.e1");
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ detail: expect.stringContaining("you own this activity") });
    for (const outsider of ["rep.w1", "rep.e2", "mgr.west", "agent"])
      expect((await annotate(outsider)).status, outsider).toBe(404);
    expect((await annotate("mgr.east", { body: "  " })).status).toBe(422);
    expect((await annotate("mgr.east", { body: "ok", author: "exec" })).status).toBe(422);
    expect(await annotationCount()).toBe(before);
  });

  it("lists annotations for whoever can read the record; none can be changed or removed", async () => {
    const listed = await fixture.as("rep.e1")("GET", `/records/activity/${activityId}/annotations`);
    const { annotations } = (await listed.json()) as { annotations: Array<{ id: string; author: string }> };
    expect(annotations.map((a) => a.author)).toEqual(["mgr.east"]);
    expect((await fixture.as("rep.w1")("GET", `/records/activity/${activityId}/annotations`)).status).toBe(404);
    const id = annotations[0]!.id;
    for (const method of ["PATCH", "PUT", "DELETE"])
      expect(
        (await fixture.as("admin")(method, `/records/activity/${activityId}/annotations/${id}`, { body: "x" })).status,
      ).toBe(404);
    expect((await fixture.as("mgr.east")("DELETE", `/records/activity/${activityId}/annotations`)).status).toBe(404);
    expect(await annotationCount()).toBe(1);
  });

  it("marks the caller's own notifications read, one or all; someone else's is not found", async () => {
    const [notification] = (await inbox("rep.e1")).notifications;
    expect((await fixture.as("rep.e2")("POST", `/notifications/${notification!.id}/read`)).status).toBe(404);
    expect((await fixture.as("rep.e1")("POST", `/notifications/${notification!.id}/read`)).status).toBe(204);
    expect(await inbox("rep.e1", "?unread=true")).toEqual({ notifications: [], unread: 0 });
    expect((await inbox("rep.e1")).notifications[0]!.readAt).toEqual(expect.any(String));
    await annotate("exec", { body: "Good visit." });
    expect((await inbox("rep.e1", "?unread=true")).unread).toBe(1);
    const all = await fixture.as("rep.e1")("POST", "/notifications/read-all");
    expect(await all.json()).toEqual({ marked: 1 });
    expect((await inbox("rep.e1")).unread).toBe(0);
    expect((await fixture.as("rep.e1")("GET", "/notifications?unread=maybe")).status).toBe(400);
  });
});
