import { spawnSync } from "node:child_process";
import { access, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedServerStatus, startEmbeddedServer } from "./embedded/index.ts";
import { isPostmasterOf } from "./embedded/orphan.ts";
import { prepareTestServer, removeTestHome, sweepAbandonedTestHomes } from "./test-server.ts";

describe("the test run's server", () => {
  it("is DATABASE_URL's when set, and nothing is started", async () => {
    const { server, teardown } = await prepareTestServer({ DATABASE_URL: "postgres://ci@127.0.0.1:5432/ci" });
    expect(server).toEqual({ url: "postgres://ci@127.0.0.1:5432/ci" });
    await teardown();
  });

  it("is otherwise prepared in a fresh home, started by nobody until a suite asks", async () => {
    const { server, teardown } = await prepareTestServer({});
    expect("home" in server && (await embeddedServerStatus(server.home))).toMatchObject({ initialized: false });
    await teardown();
  });

  it("of a killed run is stopped and removed by the next run", async () => {
    const home = await mkdtemp(join(tmpdir(), "temper-test-"));
    try {
      const deadPid = spawnSync("true").pid;
      await writeFile(join(home, "test-owner.pid"), String(deadPid));
      const left = await startEmbeddedServer({ home, detached: true, sync: false });
      await sweepAbandonedTestHomes();
      expect(await isPostmasterOf(left.pid, left.dataDir)).toBe(false);
      await expect(access(home)).rejects.toThrow();
    } finally {
      await removeTestHome(home);
    }
  });
});
