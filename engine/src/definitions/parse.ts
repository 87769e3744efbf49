import { type Node, parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import { type Finding, pointerOf } from "./findings.ts";

/**
 * The kinds of file a definition folder holds, each with its own JSON Schema
 * (a plugin's configuration, `plugins/<plugin>.json`, with the plugin's).
 */
export type DefinitionKind = "app" | "entity" | "role" | "process" | "view" | "dashboard" | "plugin";

/** One parsed file of a definition. */
export interface DefinitionFile {
  /** The path inside the definition folder, with `/` separators. */
  path: string;
  kind: DefinitionKind;
  data: unknown;
}

/** A definition's files as text, before parsing: what a folder or an upload holds. */
export interface DefinitionText {
  path: string;
  text: string;
}

const folders: Record<string, DefinitionKind> = {
  entities: "entity",
  roles: "role",
  processes: "process",
  views: "view",
  dashboards: "dashboard",
  plugins: "plugin",
};

/**
 * Tells which kind of definition file a path is, or `undefined` for a file the
 * format does not have. Markdown files are the consultant's notes and are left alone.
 *
 * @example
 * kindOfPath("entities/customer.json"); // "entity"
 * kindOfPath("README.md"); // null (ignored)
 * kindOfPath("simulations/escalation.json"); // null (simulation scripts live beside the definition)
 */
export function kindOfPath(path: string): DefinitionKind | null | undefined {
  if (path === "app.json") return "app";
  if (path.endsWith(".md") || path.startsWith("simulations/")) return null;
  const [folder, file, ...rest] = path.split("/");
  if (rest.length === 0 && file?.endsWith(".json") && folder && folder in folders) return folders[folder];
  return undefined;
}

/**
 * Parses a definition's files: strict JSON (no comments, no trailing commas,
 * no duplicate keys), each file's kind from its place in the folder. Never
 * throws: every problem becomes a finding.
 *
 * @example
 * const { files, findings } = parseDefinitionTexts([{ path: "app.json", text: "{}" }]);
 */
export function parseDefinitionTexts(texts: DefinitionText[]): { files: DefinitionFile[]; findings: Finding[] } {
  const files: DefinitionFile[] = [];
  const findings: Finding[] = [];
  for (const { path, text } of texts) {
    const kind = kindOfPath(path);
    if (kind === null) continue;
    if (kind === undefined) {
      findings.push({
        severity: "warning",
        code: "file.unknown",
        file: path,
        pointer: "",
        message:
          "not part of the definition format (app.json, entities/, roles/, processes/, views/, dashboards/, plugins/ with .json files, simulations/ for simulation scripts); it is ignored",
      });
      continue;
    }
    const parsed = parseJson(path, text);
    findings.push(...parsed.findings);
    if (parsed.ok) files.push({ path, kind, data: parsed.data });
  }
  if (!texts.some((t) => t.path === "app.json")) {
    findings.push({
      severity: "error",
      code: "file.missing-app",
      file: "app.json",
      pointer: "",
      message: "the definition has no app.json (the manifest with id, version, locales and modules)",
    });
  }
  return { files, findings };
}

function parseJson(path: string, text: string): { ok: boolean; data?: unknown; findings: Finding[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const where = first ? lineAndColumn(text, first.offset) : { line: 1, column: 1 };
    const what = first ? describeParseError(printParseErrorCode(first.error)) : "the file is empty";
    return {
      ok: false,
      findings: [
        {
          severity: "error",
          code: "json.syntax",
          file: path,
          pointer: "",
          message: `line ${where.line}, column ${where.column}: ${what}`,
        },
      ],
    };
  }
  const findings: Finding[] = [];
  findDuplicateKeys(tree, [], (segments, key) =>
    findings.push({
      severity: "error",
      code: "json.duplicate-key",
      file: path,
      pointer: pointerOf(...segments, key),
      message: `the key "${key}" appears more than once in this object; only one may stay`,
    }),
  );
  return { ok: findings.length === 0, data: nodeValue(tree), findings };
}

function findDuplicateKeys(
  node: Node,
  segments: Array<string | number>,
  report: (segments: Array<string | number>, key: string) => void,
): void {
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      if (seen.has(key)) report(segments, key);
      seen.add(key);
      if (valueNode) findDuplicateKeys(valueNode, [...segments, key], report);
    }
  } else if (node.type === "array") {
    node.children?.forEach((child, index) => findDuplicateKeys(child, [...segments, index], report));
  }
}

/** The value of a parse tree; unlike a plain JSON parse, `__proto__` keys stay ordinary data. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode && valueNode) {
          Object.defineProperty(result, String(keyNode.value), {
            value: nodeValue(valueNode),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return result;
    }
    case "array":
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const parseErrorText: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "malformed number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected a colon after the property name",
  CommaExpected: "expected a comma between items",
  CloseBraceExpected: "expected a closing brace }",
  CloseBracketExpected: "expected a closing bracket ]",
  EndOfFileExpected: "unexpected content after the end of the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "malformed number",
  InvalidUnicode: "malformed unicode escape",
  InvalidEscapeCharacter: "invalid escape character in a string",
  InvalidCharacter: "invalid character in a string",
};

function describeParseError(code: string): string {
  return parseErrorText[code] ?? code;
}
