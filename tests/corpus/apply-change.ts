import fastJsonPatch, { type Operation } from "fast-json-patch";
import type { DefinitionText } from "@temper/engine";

/** A change to a whole file: writing it, editing its text (for defects JSON cannot express), deleting it. */
type FileChange =
  | { file: string; op: "write"; text: string }
  | { file: string; op: "edit"; find: string; replace: string }
  | { file: string; op: "delete" };

/** One change to a definition: a JSON Patch operation inside a file, or a change to a whole file. */
export type Change = FileChange | ({ file: string } & Operation);

/** A broken definition: a valid base with one defect, and what the validator must say about it. */
export interface CorpusCase {
  defect: string;
  change: Change[];
  expect: { code: string; file: string; pointer: string };
  /** Also checked through the `temper validate` command itself. */
  cli?: boolean;
}

const fileOps: ReadonlySet<string> = new Set(["write", "edit", "delete"]);
const isFileChange = (change: Change): change is FileChange => fileOps.has(change.op);

/**
 * Applies changes to a definition's texts. Patch paths must exist (the patch
 * is validated), so a case that no longer matches the base fails loudly
 * instead of silently testing nothing.
 */
export function applyChanges(texts: DefinitionText[], changes: Change[]): DefinitionText[] {
  const byPath = new Map(texts.map((t) => [t.path, t.text]));
  const textOf = (file: string) => {
    const text = byPath.get(file);
    if (text === undefined) throw new Error(`${file} is not in the base definition`);
    return text;
  };
  for (const change of changes) {
    if (!isFileChange(change)) {
      const { file, ...operation } = change;
      const patched = fastJsonPatch.applyOperation(JSON.parse(textOf(file)), operation as Operation, true, false);
      byPath.set(file, JSON.stringify(patched.newDocument, null, 2));
    } else if (change.op === "write") {
      byPath.set(change.file, change.text);
    } else if (change.op === "edit") {
      const text = textOf(change.file);
      if (!text.includes(change.find))
        throw new Error(`${change.file} does not contain ${JSON.stringify(change.find)}`);
      byPath.set(change.file, text.replace(change.find, change.replace));
    } else {
      textOf(change.file);
      byPath.delete(change.file);
    }
  }
  return [...byPath].map(([path, text]) => ({ path, text }));
}
