import fastJsonPatch, { type Operation } from "fast-json-patch";
import type { DefinitionText } from "@temper/engine";

/**
 * One change to a definition: a JSON Patch operation inside a file, an edit
 * of its text (for defects JSON cannot express, such as syntax errors), or
 * writing or deleting a whole file.
 */
export type Change =
  ({ file: string } & Operation) | { file: string; op: "write"; text: string } | { file: string; op: "delete" };

/** A broken definition: a valid base with one defect, and what the validator must say about it. */
export interface CorpusCase {
  defect: string;
  change: Change[];
  expect: { code: string; file: string; pointer: string };
  /** Also checked through the `temper validate` command itself. */
  cli?: boolean;
}

/**
 * Applies changes to a definition's texts. Patch paths must exist (the patch
 * is validated), so a case that no longer matches the base fails loudly
 * instead of silently testing nothing.
 */
export function applyChanges(texts: DefinitionText[], changes: Change[]): DefinitionText[] {
  const byPath = new Map(texts.map((t) => [t.path, t.text]));
  for (const change of changes) {
    if (change.op === "write") {
      byPath.set(change.file, change.text);
    } else if (change.op === "edit") {
      const text = byPath.get(change.file);
      if (!text?.includes(change.find))
        throw new Error(`${change.file} does not contain ${JSON.stringify(change.find)}`);
      byPath.set(change.file, text.replace(change.find, change.replace));
    } else if (change.op === "delete") {
      if (!byPath.delete(change.file)) throw new Error(`${change.file} is not in the base definition`);
    } else {
      const text = byPath.get(change.file);
      if (text === undefined) throw new Error(`${change.file} is not in the base definition`);
      const { file: _file, ...operation } = change;
      const patched = fastJsonPatch.applyOperation(JSON.parse(text), operation as Operation, true, false).newDocument;
      byPath.set(change.file, JSON.stringify(patched, null, 2));
    }
  }
  return [...byPath].map(([path, text]) => ({ path, text }));
}
