import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot, runTemper } from "../cli/testing.ts";
import { loadPlugins } from "./load.ts";

describe("loading plugins", () => {
  it("refuses a plugin that is not installed, naming it", async () => {
    await expect(loadPlugins(["nope"])).rejects.toMatchObject({
      code: "plugin_failed",
      message: 'plugin "nope" could not be loaded: no package "@temper/plugin-nope" is installed in the workspace',
    });
  });

  it("stops a command that needs a plugin that cannot load, with one line naming it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "temper-plugins-"));
    try {
      await cp(join(repositoryRoot, "definitions/examples/crm"), dir, { recursive: true });
      const app = JSON.parse(await readFile(join(dir, "app.json"), "utf8"));
      await writeFile(join(dir, "app.json"), JSON.stringify({ ...app, plugins: ["nope"] }));
      const run = await runTemper(["validate", dir]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        'temper: plugin "nope" could not be loaded: no package "@temper/plugin-nope" is installed in the workspace',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
