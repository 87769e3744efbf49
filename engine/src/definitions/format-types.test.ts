import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderFormatReference } from "./format-docs.ts";
import { formatTypesPath, generateFormatTypes } from "./format-types.ts";

describe("generated files", () => {
  it("the definition format's TypeScript types match the schemas (run `pnpm generate` after changing a schema)", async () => {
    expect(await readFile(formatTypesPath, "utf8")).toBe(await generateFormatTypes());
  });

  it("docs/definition-format.md matches the schemas and catalog (run `pnpm generate`)", async () => {
    const committed = await readFile(new URL("../../../docs/definition-format.md", import.meta.url), "utf8");
    expect(committed).toBe(renderFormatReference());
  });

  it("the reference documents every field type, step and finding code", () => {
    const reference = renderFormatReference();
    for (const text of [
      '`"computed"`',
      "### `set_fields`",
      "### `manager`",
      "`ref.state`",
      "#### approval → timeout",
    ]) {
      expect(reference).toContain(text);
    }
  });
});
