import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Finding } from "./findings.ts";
import type { DefinitionText } from "./parse.ts";

/**
 * Reads a definition folder's files as text (hidden files and folders are
 * skipped). A missing folder is a finding, not an exception.
 *
 * @example
 * const { texts, findings } = await readDefinitionFolder("definitions/examples/crm");
 */
export async function readDefinitionFolder(dir: string): Promise<{ texts: DefinitionText[]; findings: Finding[] }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    return {
      texts: [],
      findings: [
        {
          severity: "error",
          code: "folder.missing",
          file: dir,
          pointer: "",
          message: info ? "not a folder; give the folder that holds app.json" : "no such folder",
        },
      ],
    };
  }
  const texts: DefinitionText[] = [];
  const findings: Finding[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join("/");
    if (path.split("/").some((part) => part.startsWith("."))) continue;
    try {
      texts.push({ path, text: await readFile(full, "utf8") });
    } catch (error) {
      findings.push({
        severity: "error",
        code: "file.unreadable",
        file: path,
        pointer: "",
        message: (error as Error).message,
      });
    }
  }
  texts.sort((a, b) => a.path.localeCompare(b.path));
  return { texts, findings };
}
