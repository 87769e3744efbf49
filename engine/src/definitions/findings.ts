/** How bad a finding is: an error stops publishing, a warning does not. */
export type Severity = "error" | "warning";

/**
 * The closed set of finding codes, each with what it means. Codes are stable:
 * tools and tests match on them, so a code is never renamed or reused.
 */
export const findingCodes = {
  "folder.missing": "the definition folder does not exist or is not a folder",
  "file.missing-app": "the folder has no app.json",
  "file.unreadable": "a file could not be read",
  "file.unknown": "a file or folder that is not part of the definition format",
  "file.name-mismatch": "a file's name differs from the name declared inside it",
  "json.syntax": "a file is not valid JSON",
  "json.duplicate-key": "an object has the same key twice",
  "schema.required": "a required property is missing",
  "schema.unknown-property": "a property the format does not have",
  "schema.type": "a value of the wrong JSON type",
  "schema.enum": "a value outside the allowed set",
  "schema.pattern": "a value of the wrong form (names are lower snake_case, durations ISO-8601)",
  "schema.format": "a value of the wrong format (dates, regular expressions)",
  "schema.range": "a number, a length or a count out of its bounds",
  "schema.unique": "a list with the same item twice",
  "schema.conflict": "properties that cannot be used together",
  "schema.invalid": "a value that matches none of the allowed shapes",
  "name.duplicate": "two things of one kind with the same name",
  "name.reserved": "a name the platform uses itself",
  "ref.entity": "a reference to an entity that does not exist",
  "ref.field": "a reference to a field that does not exist",
  "ref.role": "a reference to a role that does not exist",
  "ref.process": "a reference to a process that does not exist",
  "ref.state": "a reference to a state that does not exist",
  "ref.event": "a reference to an event that does not exist",
  "ref.dashboard": "a reference to a dashboard that does not exist",
  "ref.step": "an action names a step that does not exist",
  "ref.guard": "a guard names a guard type that does not exist",
  "ref.people": "a people rule names a resolver that does not exist",
  "ref.field-type": "a field names a plugin's field type that does not exist",
  "ref.plugin": "a step, guard or field type of a plugin that the app does not enable",
  "config.invalid": "a plugin's configuration that its schema or its own checks refuse",
  "params.invalid": "a step's, guard's or people rule's params break its schema",
  "field.type-mismatch": "a field of the wrong type for where it is used",
  "field.invalid-default": "a default value that does not fit its field",
  "field.range": "a minimum above its maximum",
  "field.duplicate-option": "an enum with the same option twice",
  "entity.title-field": "the title field is missing or cannot name a record",
  "expression.syntax": "a CEL expression that does not parse",
  "expression.type": "a CEL expression that does not type-check, or names an unknown field or variable",
  "expression.result-type": "a CEL expression whose result has the wrong type",
  "process.initial": "the initial state does not exist",
  "process.unreachable-state": "a state that no path from the initial state reaches",
  "process.dead-end": "a state that is not final and has no way out",
  "process.unused-event": "a declared event that no transition uses",
  "process.state-field": "the state field is not an enum of the entity or lacks a state's name",
  "process.event-data": "an event's data schema is not a valid JSON Schema of an object",
  "approval.quorum": "a quorum larger than the number of people rules that can approve",
  "view.state": "a board column that is not a state of its process",
  "permission.write-without-read": "a field writable but not readable",
  "permission.duplicate-entity": "a role with two permission entries for one entity",
  "permission.event-without-read": "event rights on an entity the role cannot read",
  "permission.condition-sql":
    "a permission condition that the database cannot evaluate (it must use comparisons, &&, ||, !, in and has() on record fields and user)",
  "label.missing-locale": "a label lacks one of the app's locales",
  "label.unknown-locale": "a label in a locale the app does not declare",
  "module.entity-twice": "an entity listed in two modules",
  "internal.error": "the validator failed on this input; please report it",
} as const;

/** A stable finding code; see {@link findingCodes}. */
export type FindingCode = keyof typeof findingCodes;

/**
 * One thing wrong with a definition, located by file and JSON pointer.
 *
 * @example
 * const f: Finding = {
 *   severity: "error",
 *   code: "ref.entity",
 *   file: "entities/contact.json",
 *   pointer: "/fields/1/entity",
 *   message: 'unknown entity "custmer"; did you mean "customer"?',
 * };
 */
export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** The file's path inside the definition folder, with `/` separators. */
  file: string;
  /** An RFC 6901 JSON pointer into the file; `""` is the whole file. */
  pointer: string;
  message: string;
}

/**
 * Formats a finding as the one line consultants read:
 * `file:pointer: severity code: message` (just `file:` when it is about the whole file).
 *
 * @example
 * formatFinding(f); // 'entities/contact.json:/fields/1/entity: error ref.entity: unknown entity "custmer"; did you mean "customer"?'
 */
export function formatFinding(finding: Finding): string {
  const where = finding.pointer === "" ? finding.file : `${finding.file}:${finding.pointer}`;
  return `${where}: ${finding.severity} ${finding.code}: ${finding.message}`;
}

/**
 * Builds a JSON pointer from path segments, escaping `~` and `/` (RFC 6901).
 *
 * @example
 * pointerOf("states", "a/b", "on"); // "/states/a~1b/on"
 */
export function pointerOf(...segments: Array<string | number>): string {
  return segments.map((s) => "/" + String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

/** Sorts findings by file, then pointer, errors before warnings at one place. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.pointer.localeCompare(b.pointer) ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.code.localeCompare(b.code),
  );
}
