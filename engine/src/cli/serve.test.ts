import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../api/app.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { listenApiAndStudio } from "./serve.ts";

// A stand-in studio build: a handler that answers with the settings it was loaded with.
const handler = `export const handler = (req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ path: req.url, proto: req.headers["x-forwarded-proto"], api: process.env.TEMPER_API_URL, workspace: process.env.TEMPER_DEFAULT_WORKSPACE }));
};`;

let database: TestDatabase;
let storage: Storage;
let folder: string;
const saved = { ...process.env };

beforeAll(async () => {
  database = await createTestDatabase("serve");
  storage = await openStorage(database.url, { max: 2 });
  await createWorkspace(storage, "acme");
  folder = await mkdtemp(join(tmpdir(), "temper-serve-"));
  await writeFile(join(folder, "handler.js"), handler);
  for (const name of ["TEMPER_API_URL", "TEMPER_DEFAULT_WORKSPACE", "ORIGIN", "PROTOCOL_HEADER"])
    delete process.env[name];
}, 60_000);
afterAll(async () => {
  process.env = saved;
  await rm(folder, { recursive: true, force: true });
  await storage?.close();
  await database?.drop();
});

describe("one server for the API and the studio", () => {
  it("sends /api to the API and every other path to the studio, loaded with this server's address", async () => {
    const running = await listenApiAndStudio(createApi({ storage }), {
      storage,
      port: 0,
      hostname: "127.0.0.1",
      studioBuild: folder,
    });
    try {
      expect(running.studio).toBe(true);
      const page = await (await fetch(`${running.url}/customer?region=east`)).json();
      expect(page).toEqual({ path: "/customer?region=east", proto: "http", api: running.url, workspace: "acme" });
      const api = await fetch(`${running.url}/api/v1/records/customer`);
      expect(api.status).toBe(401);
      expect(api.headers.get("content-type")).toContain("application/problem+json");
      expect(((await api.json()) as { code: string }).code).toBe("unauthenticated");
    } finally {
      await running.close();
    }
  });

  it("refuses to start, and frees its port, when the build has no handler", async () => {
    const empty = await mkdtemp(join(tmpdir(), "temper-serve-empty-"));
    await writeFile(join(empty, "handler.js"), "export const nothing = 1;");
    try {
      await expect(
        listenApiAndStudio(createApi({ storage }), { storage, port: 0, hostname: "127.0.0.1", studioBuild: empty }),
      ).rejects.toThrow(/exports no handler/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
