import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot, runTemper } from "../cli/testing.ts";
import { checkPlugin, loadPlugins } from "./load.ts";

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

  it("refuses a field type whose base the format does not allow or whose schema does not compile, naming the plugin", () => {
    const registry = (fieldType: Record<string, unknown>) => ({
      name: "registry",
      version: "1.0.0",
      steps: [],
      fieldTypes: [{ name: "code", description: "A code.", ...fieldType }],
    });
    expect(checkPlugin("registry", registry({ base: "text", schema: { pattern: "^[0-9]+$" } }))).toBeTruthy();
    expect(() => checkPlugin("registry", registry({ base: "enum" }))).toThrow(
      'plugin "registry" could not be loaded: field type "code" cannot refine "enum": its base must be one of text, long_text, number, money, percent, date, datetime, email, phone, url',
    );
    expect(() => checkPlugin("registry", registry({ base: "text", schema: { minLength: "ten" } }))).toThrow(
      /^plugin "registry" could not be loaded: the schema of field type "code" does not compile: /,
    );
    expect(() => checkPlugin("registry", registry({ base: "number", schema: { pattern: "^[0-9]+$" } }))).toThrow(
      /the schema of field type "code" does not compile/,
    );
  });
});
