import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const crm = new URL("../../../definitions/examples/crm", import.meta.url).pathname;

/**
 * Writes the reference CRM as version 1.1.0 with the complaint state
 * `in_handling` renamed `handling` (the state, the transitions into it, the
 * status field's option, the board's column) into a temporary folder, and
 * returns the folder: a second version to migrate instances to.
 *
 * @example
 * const { texts } = await readDefinitionFolder(await writeRenamedCrm());
 * await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
 */
export async function writeRenamedCrm(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "temper-crm-")), "crm");
  await cp(crm, dir, { recursive: true });
  const edit = async (path: string, change: (text: string) => string) =>
    writeFile(join(dir, path), change(await readFile(join(dir, path), "utf8")));
  await edit("app.json", (t) => t.replace('"version": "1.0.0"', '"version": "1.1.0"'));
  for (const path of ["processes/complaint_escalation.json", "entities/complaint.json", "views/complaint.json"])
    await edit(path, (t) => t.replaceAll('"in_handling"', '"handling"'));
  return dir;
}
