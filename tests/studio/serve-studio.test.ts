import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../engine/src/api/app.ts";
import { listenApiAndStudio, type RunningServer } from "../../engine/src/cli/serve.ts";
import { buildStudio, studioBuildState, studioLocation } from "../../engine/src/cli/studio.ts";
import { readDefinitionFolder } from "../../engine/src/definitions/index.ts";
import { openStorage, type Storage } from "../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../engine/src/storage/testing.ts";
import { createWorkspace } from "../../engine/src/storage/workspaces.ts";
import { addUser } from "../../engine/src/users/service.ts";

// The real studio build behind the real API: built once here when it is missing or older than its source.
let database: TestDatabase;
let storage: Storage;
let running: RunningServer;
const password = "correct horse battery";

beforeAll(async () => {
  const location = studioLocation();
  if (studioBuildState(location) !== "current") await buildStudio(location);
  database = await createTestDatabase("studio");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  const { texts } = await readDefinitionFolder(new URL("../../definitions/examples/crm", import.meta.url).pathname);
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "test" });
  await addUser(storage, {
    workspaceId: "acme",
    username: "li.wei",
    displayName: "Li Wei",
    password,
    roles: ["sales_rep"],
  });
  running = await listenApiAndStudio(createApi({ storage }), {
    storage,
    port: 0,
    hostname: "127.0.0.1",
    studioBuild: location.build,
  });
}, 240_000);

afterAll(async () => {
  await running?.close();
  await storage?.close();
  await database?.drop();
});

/** Signs in through the studio's form, as a browser does; the session cookie. */
async function signIn(): Promise<string> {
  const response = await fetch(`${running.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: running.url, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ workspace: "acme", username: "li.wei", password, next: "/customer" }),
  });
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/customer");
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("temper_session="))!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  return cookie.split(";")[0]!;
}

describe("the studio served with the API", () => {
  it("sends a visitor to the sign-in page, in their language", async () => {
    const home = await fetch(`${running.url}/`, { redirect: "manual" });
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toBe("/login?next=%2F");
    const login = await (
      await fetch(`${running.url}/login`, { headers: { "accept-language": "zh-CN,zh;q=0.9" } })
    ).text();
    expect(login).toContain('<html lang="zh">');
    expect(login).toContain("登录");
    expect(login).toMatch(/<input[^>]*name="workspace"[^>]*value="acme"/);
  });

  it("refuses a wrong password without signing in", async () => {
    const response = await fetch(`${running.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: running.url, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ workspace: "acme", username: "li.wei", password: "wrong" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("temper_session="))).toBe(false);
  });

  it("lists the user's records with display values, opens one, and exports the list", async () => {
    const cookie = await signIn();
    const { token } = (await (
      await fetch(`${running.url}/api/v1/auth/login`, {
        method: "POST",
        body: JSON.stringify({ workspace: "acme", username: "li.wei", password }),
      })
    ).json()) as { token: string };
    const created = await fetch(`${running.url}/api/v1/records/customer`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "Hanwha Machinery", region: "east", annual_revenue: 1250000 }),
    });
    const { id } = (await created.json()) as { id: string };

    const list = await fetch(`${running.url}/customer`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain(`href="/customer/${id}"`);
    expect(html).toContain("Hanwha Machinery");
    expect(html).toContain("East China");
    expect(html).toContain("Li Wei");

    const filtered = await (await fetch(`${running.url}/customer?region=north`, { headers: { cookie } })).text();
    expect(filtered).not.toContain("Hanwha Machinery");
    expect(filtered).toContain("Sales region is North China");

    const record = await (await fetch(`${running.url}/customer/${id}`, { headers: { cookie } })).text();
    expect(record).toContain("CN¥1,250,000.00");

    const csv = await fetch(`${running.url}/customer/export?view=all_customers`, { headers: { cookie } });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(await csv.text()).toContain("Hanwha Machinery");

    const signedOut = await fetch(`${running.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        origin: running.url,
        accept: "text/html",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    expect(signedOut.headers.get("location")).toBe("/login");
    const after = await fetch(`${running.url}/customer`, { headers: { cookie }, redirect: "manual" });
    expect(after.status).toBe(303);
  });
});
