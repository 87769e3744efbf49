import { spawnSync } from "node:child_process";
import { chown } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { withConnection } from "../storage/embedded/sql.ts";
import { createTestHome, removeTestHome } from "../storage/test-server.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = join(root, "node_modules/.bin/tsx");
const main = join(root, "engine/src/cli/main.ts");
const homes: string[] = [];

function temper(home: string, args: string[], options: { env?: NodeJS.ProcessEnv; uid?: number } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPER_HOME: home, ...options.env };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  const run = spawnSync(tsx, [main, "db", ...args], { cwd: root, encoding: "utf8", env, ...ids });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function newHome() {
  const home = await createTestHome();
  homes.push(home);
  return home;
}

afterAll(async () => {
  for (const home of homes) await removeTestHome(home);
});

describe("temper db", () => {
  it("has --help on every command, with the status exit codes", async () => {
    const home = await newHome();
    for (const command of [[], ["start"], ["stop"], ["status"], ["url"]]) {
      const run = temper(home, [...command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: temper db ${command.join("")}`.trim());
    }
    expect(temper(home, ["status", "--help"]).stdout).toContain("0 running, 3 stopped");
  });

  it("starts a server that outlives the command, reports it, and stops it", async () => {
    const home = await newHome();
    const before = temper(home, ["status"]);
    expect(before).toMatchObject({ code: 3, stdout: expect.stringContaining("no database in") });
    const noUrl = temper(home, ["url"]);
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toBe(`temper: no database in ${home} yet: create and start it with pnpm temper db start\n`);

    const start = temper(home, ["start"]);
    expect(start.code).toBe(0);
    const url = start.stdout.trim();
    expect(url).toMatch(/^postgres:\/\/temper:\w+@127\.0\.0\.1:\d+\/temper$/);
    expect(await withConnection(url, (sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);
    const again = temper(home, ["start"]);
    expect(again).toMatchObject({ code: 0, stdout: `${url}\n`, stderr: expect.stringContaining("already running") });
    expect(temper(home, ["url"])).toMatchObject({ code: 0, stdout: `${url}\n` });
    const running = temper(home, ["status"]);
    expect(running.code).toBe(0);
    expect(running.stdout).toMatch(/^running \(ready\) on 127\.0\.0\.1:\d+, pid \d+, data in .*\/pg\/data\n$/);

    expect(temper(home, ["stop"])).toMatchObject({ code: 0, stderr: expect.stringContaining("stopped") });
    await expect(withConnection(url, (sql) => sql`select 1`)).rejects.toThrow();
    expect(temper(home, ["status"])).toMatchObject({ code: 3, stdout: expect.stringMatching(/^stopped, data in/) });
    expect(temper(home, ["stop"])).toMatchObject({ code: 0, stderr: expect.stringContaining("no server was running") });
    expect(temper(home, ["url"])).toMatchObject({ code: 0, stdout: `${url}\n` });
    // A dozen CLI runs and a fresh initdb: minutes on a loaded 2-core machine.
  }, 180_000);

  it("leaves the server alone when DATABASE_URL is set", async () => {
    const home = await newHome();
    const env = { DATABASE_URL: "postgres://crm@127.0.0.1:1/crm" };
    const start = temper(home, ["start"], { env });
    expect(start.code).toBe(1);
    expect(start.stderr).toBe(
      "temper: DATABASE_URL is set, so Temper uses that server and has none to start; unset it first\n",
    );
    expect(temper(home, ["url"], { env })).toMatchObject({ code: 0, stdout: `${env.DATABASE_URL}\n` });
    expect(temper(home, ["status"], { env })).toMatchObject({ code: 3, stdout: "DATABASE_URL does not answer\n" });
  });

  it.runIf(process.getuid?.() === 0)("works for an ordinary user as well as for root", async () => {
    const home = await newHome();
    const nobody = 65534;
    await chown(home, nobody, nobody);
    const start = temper(home, ["start"], { uid: nobody });
    expect(start).toMatchObject({ code: 0, stdout: expect.stringMatching(/^postgres:/) });
    expect(await withConnection(start.stdout.trim(), (sql) => sql`select current_user as user`)).toEqual([
      { user: "temper" },
    ]);
    expect(temper(home, ["stop"], { uid: nobody }).code).toBe(0);
  });
});
