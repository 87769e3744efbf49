import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestHome, removeTestHome } from "../test-server.ts";
import { embeddedServerStatus, startEmbeddedServer, type EmbeddedServer } from "./index.ts";
import { isPostmasterOf, readPidFile } from "./orphan.ts";
import { withConnection } from "./sql.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const homes: string[] = [];
const servers: EmbeddedServer[] = [];

async function start(home: string) {
  const server = await startEmbeddedServer({ home, sync: false });
  servers.push(server);
  return server;
}

async function newHome() {
  const home = await createTestHome();
  homes.push(home);
  return home;
}

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const home of homes.splice(0)) await removeTestHome(home);
});

describe("the embedded server", () => {
  it("starts a real PostgreSQL 17 on 127.0.0.1 that answers, with pg_trgm", async () => {
    const server = await start(await newHome());
    expect(server.url).toMatch(/^postgres:\/\/temper:[0-9a-f]+@127\.0\.0\.1:\d+\/temper$/);
    const [row] = await withConnection(server.url, async (sql) => {
      await sql`create extension pg_trgm`;
      return sql`select 1 as one, current_setting('server_version_num')::int / 10000 as major,
        inet_server_addr()::text as address, similarity('Temper', 'Tamper') > 0.3 as similar`;
    });
    expect(row).toEqual({ one: 1, major: 17, address: "127.0.0.1/32", similar: true });
    await server.stop();
    expect((await embeddedServerStatus(server.home)).running).toBe(false);
  });

  it("keeps data, password and port across a stop and a start", async () => {
    const home = await newHome();
    const first = await start(home);
    await withConnection(first.url, (sql) => sql`create table kept (id int); insert into kept values (7)`.simple());
    await first.stop();
    const second = await start(home);
    expect(second.url).toBe(first.url);
    expect(await withConnection(second.url, (sql) => sql`select id from kept`)).toEqual([{ id: 7 }]);
  });

  it("lets concurrent starts take turns: one creates the server, the other attaches", async () => {
    const home = await newHome();
    const [a, b] = await Promise.all([start(home), start(home)]);
    expect(a.url).toBe(b.url);
    expect([a.attached, b.attached].sort()).toEqual([false, true]);
  });

  it("recovers when the postmaster was killed and left its postmaster.pid", async () => {
    const home = await newHome();
    const first = await start(home);
    await withConnection(first.url, (sql) =>
      sql`create table survived (id int); insert into survived values (1)`.simple(),
    );
    process.kill(first.pid, "SIGKILL");
    await waitFor(async () => !(await isPostmasterOf(first.pid, first.dataDir)));
    expect(await readPidFile(first.dataDir)).toMatchObject({ pid: first.pid });
    const second = await start(home);
    expect(second.pid).not.toBe(first.pid);
    expect(await withConnection(second.url, (sql) => sql`select id from survived`)).toEqual([{ id: 1 }]);
  });

  it("recovers when postmaster.pid names a live process that is not PostgreSQL", async () => {
    const home = await newHome();
    const first = await start(home);
    await first.stop();
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await writeFile(join(first.dataDir, "postmaster.pid"), `${other.pid}\n${first.dataDir}\n0\n${first.port}\n`);
      const second = await start(home);
      expect(await withConnection(second.url, (sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      other.kill();
    }
  });

  it("adopts the server left running by a killed process, and stops it", async () => {
    const home = await newHome();
    const owner = await startInChildProcess(home);
    const orphanPid = (await readPidFile(join(home, "pg", "data")))!.pid;
    owner.kill("SIGKILL");
    await new Promise((done) => owner.once("exit", done));
    expect(await isPostmasterOf(orphanPid, join(home, "pg", "data"))).toBe(true);
    const adopted = await start(home);
    expect(adopted).toMatchObject({ attached: true, owned: true, pid: orphanPid });
    expect(await withConnection(adopted.url, (sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);
    await adopted.stop();
    expect(await isPostmasterOf(orphanPid, join(home, "pg", "data"))).toBe(false);
  });
});

// Another Node process starts the server as its own (not detached), like a
// `temper serve`, and is then killed before it can stop it.
async function startInChildProcess(home: string) {
  const server = join(root, "engine/src/storage/embedded/server.ts");
  const code = `const { startEmbeddedServer } = await import(${JSON.stringify(server)});
    await startEmbeddedServer({ home: ${JSON.stringify(home)}, sync: false });
    console.log("ready"); setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((ready, fail) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && ready());
    child.once("exit", (code) => fail(new Error(`the owner process ended early (exit ${code})`)));
  });
  return child;
}

async function waitFor(condition: () => Promise<boolean>) {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((done) => setTimeout(done, 25));
}
