import { spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatFinding, readDefinitionFolder, validateDefinitionTexts, type DefinitionText } from "@temper/engine";
import { describe, expect, it } from "vitest";
import { applyChanges, type CorpusCase } from "./apply-change.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const crm = join(root, "definitions/examples/crm");
const casesDir = fileURLToPath(new URL("./cases/", import.meta.url));

const base = (await readDefinitionFolder(crm)).texts;
const cases: Array<[string, CorpusCase]> = await Promise.all(
  (await readdir(casesDir))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map(
      async (name) =>
        [name, JSON.parse(await readFile(join(casesDir, name), "utf8")) as CorpusCase] as [string, CorpusCase],
    ),
);

async function writeFolder(texts: DefinitionText[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "temper-corpus-"));
  for (const { path, text } of texts) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe("the reference CRM", () => {
  it("is valid, without a single warning", () => {
    expect(validateDefinitionTexts(base).findings.map(formatFinding)).toEqual([]);
  });
});

describe("the bad definitions corpus", () => {
  it("has at least 30 broken definitions, each a different defect", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map(([, c]) => c.defect)).size).toBe(cases.length);
  });

  it.each(cases)("%s: exactly its one defect is reported, at its file and pointer", (_name, corpusCase) => {
    const result = validateDefinitionTexts(applyChanges(base, corpusCase.change));
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => ({ code: f.code, file: f.file, pointer: f.pointer }))).toEqual([corpusCase.expect]);
    expect(result.valid).toBe(false);
  });

  const cliCases = cases.filter(([, c]) => c.cli);
  it.each(cliCases)("%s: `temper validate` exits 1 and prints the file and pointer", async (_name, corpusCase) => {
    const dir = await writeFolder(applyChanges(base, corpusCase.change));
    const run = spawnSync(
      join(root, "node_modules/.bin/tsx"),
      [join(root, "engine/src/cli/main.ts"), "validate", dir],
      {
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(1);
    const { file, pointer, code } = corpusCase.expect;
    expect(run.stdout).toContain(`${file}${pointer ? ":" + pointer : ""}: error ${code}: `);
  });
});
