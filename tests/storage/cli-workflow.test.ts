import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const home = await mkdtemp(join(tmpdir(), "temper-workflow-"));
const env = { ...process.env, TEMPER_HOME: home, DATABASE_URL: "" };
const tsx = join(root, "node_modules/.bin/tsx");
const main = join(root, "engine/src/cli/main.ts");

const temper = (args: string[], input?: string) => {
  const run = spawnSync(tsx, [main, ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

let server: ChildProcess | undefined;

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((done) => server!.once("exit", done));
  }
  temper(["db", "stop"]);
  await rm(home, { recursive: true, force: true });
});

describe("from the command line to HTTP: workspace, publish, user, serve", () => {
  it("sets up a workspace and serves it to a signed-in client", async () => {
    expect(temper(["workspace", "create", "acme"])).toMatchObject({
      code: 0,
      out: "created workspace acme (schema ws_acme)\n",
    });
    const published = temper(["publish", "definitions/examples/crm", "--workspace", "acme"]);
    expect(published.code).toBe(0);
    expect(published.out).toContain("+ create table customer");
    expect(
      temper(["user", "add", "ana", "--workspace", "acme", "--password-stdin", "--role", "sales_rep"], "s3cret-pass\n"),
    ).toMatchObject({ code: 0 });

    server = spawn(tsx, [main, "serve", "--port", "0"], { cwd: root, env });
    const base = await new Promise<string>((resolve, reject) => {
      let output = "";
      server!.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Temper API on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      server!.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });

    const login = await fetch(`${base}/auth/login`, {
      method: "POST",
      body: JSON.stringify({ workspace: "acme", username: "ana", password: "s3cret-pass" }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = (await (
      await fetch(`${base}/records/customer`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "Hanwha Machinery", region: "east", annual_revenue: 100 }),
      })
    ).json()) as { id: string };
    const updated = await fetch(`${base}/records/customer/${created.id}`, {
      method: "PATCH",
      headers: { ...headers, "if-match": '"1"' },
      body: JSON.stringify({ annual_revenue: 250 }),
    });
    expect(updated.status).toBe(200);
    const list = (await (await fetch(`${base}/records/customer?q=hanwha`, { headers })).json()) as {
      records: Array<{ name: string }>;
    };
    expect(list.records.map((r) => r.name)).toEqual(["Hanwha Machinery"]);
    const history = (await (await fetch(`${base}/records/customer/${created.id}/history`, { headers })).json()) as {
      history: Array<{ field: string; newValue: unknown }>;
    };
    expect(history.history.filter((h) => h.field === "annual_revenue").map((h) => h.newValue)).toEqual([250, 100]);

    server.kill("SIGTERM");
    const code = await new Promise((done) => server!.once("exit", done));
    expect(code).toBe(0);
    expect(temper(["db", "status"]).code).toBe(3);
  }, 120_000);
});
