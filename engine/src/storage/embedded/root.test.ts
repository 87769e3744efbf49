import { chmod, chown, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serverPaths } from "./paths.ts";
import { prepareForServerUser, serverUser } from "./root.ts";

const isRoot = process.getuid?.() === 0;

describe("running PostgreSQL as an unprivileged user", () => {
  it("keeps an ordinary user's own identity", async () => {
    expect(await serverUser("/nonexistent/data", {}, 1000)).toBeUndefined();
    await expect(prepareForServerUser(serverPaths("/nonexistent"), undefined, [])).resolves.toBeUndefined();
  });

  it.runIf(isRoot)("as root, uses temper-pg (created if missing), never root", async () => {
    const user = await serverUser("/nonexistent/data", {});
    expect(user).toMatchObject({ name: "temper-pg" });
    expect(user!.uid).toBeGreaterThan(0);
  });

  it.runIf(isRoot)("as root, keeps the non-root owner of an existing data folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "temper-root-"));
    try {
      await mkdir(join(dir, "data"));
      await chown(join(dir, "data"), 4321, 4321);
      expect(await serverUser(join(dir, "data"), {})).toEqual({ name: "uid 4321", uid: 4321, gid: 4321 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(isRoot)("as root, says which folder the server user cannot enter", async () => {
    const dir = await mkdtemp(join(tmpdir(), "temper-root-"));
    try {
      const home = join(dir, "locked", "project", ".temper");
      await mkdir(join(home, "pg"), { recursive: true });
      await chmod(join(dir, "locked"), 0o700);
      const user = (await serverUser(join(home, "pg", "data"), {}))!;
      await expect(prepareForServerUser(serverPaths(home), user, [])).rejects.toThrow(
        `runs as temper-pg, who cannot enter ${join(dir, "locked")}: keep the project and TEMPER_HOME outside it`,
      );
      expect((await stat(home)).mode & 0o011).toBe(0o011);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
