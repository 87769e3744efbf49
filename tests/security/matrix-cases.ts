// The cases of the security matrix, generated from the CRM's definition:
// every role with users × every entity × every operation, and the known
// engine bugs that make some of them fail today.
import {
  checkExport,
  checkHistory,
  checkList,
  checkLookup,
  checkRead,
  checkSearch,
  type Subject,
} from "./matrix-reads.ts";
import {
  checkCreate,
  checkCreateProtected,
  checkDelete,
  checkReference,
  checkUpdate,
  checkUpdateProtected,
} from "./matrix-writes.ts";
import { type Crm, Oracle } from "./oracle.ts";
import type { PlannedUser } from "./org-fixture.ts";
import { protectedFields } from "./write-inputs.ts";

/** The operations of the issue, in the order the matrix runs them (writes after reads, deletes last). */
export const operations = [
  "list",
  "search",
  "export",
  "read",
  "history",
  "lookup",
  "create",
  "update",
  "delete",
] as const;
/** An operation of the matrix. */
export type Operation = (typeof operations)[number];

/** One case: a user of a role, an entity, an operation (and a part of it), maybe failing for a known bug. */
export interface MatrixCase {
  role: string;
  username: string;
  entity: string;
  operation: Operation;
  /** The part of the operation this case checks, when it has several. */
  part?: "fields it may not write" | "a reference outside the scope";
  /** The known engine bug this case shows, when it fails today (see knownBugs below). */
  bug?: KnownBug;
  run(subject: Subject): Promise<void>;
}

/** An engine bug the matrix shows: what is wrong, and how the failing assertion reads. */
export interface KnownBug {
  id: string;
  description: string;
  /** Matches the message of the assertion the bug breaks: a case failing otherwise is not this bug. */
  signature: RegExp;
}

/** Engine bugs the matrix shows today: each case they break runs as `it.fails`. */
export const knownBugs = {
  noReadGrantLists: {
    id: "no-read-grant-lists",
    description:
      'a role with no read grant on an entity gets 400 "<entity> has no field updated_at" for its list, search, export and lookup instead of 403 (guard.readable holds no system field without a read grant, so the default sort key is refused as unknown)',
    signature: /no role of the user reads this entity, so 403: .*expected 400 to be 403/s,
  },
  exportHiddenColumns: {
    id: "export-hidden-columns",
    description:
      "exports carry every column, the unreadable ones too (empty, but named in the CSV header and JSON keys), and fields= and ref.<column>= accept unreadable fields: records/export.ts never asks the guard which fields are readable",
    signature: /fields not readable \(hidden\) or stripped wrongly/s,
  },
  referenceOutsideScope: {
    id: "reference-outside-scope",
    description:
      "a create or update whose reference names a record outside the user's read scope is accepted (201): only the foreign key checks it, so the user links to, and learns of, a record they may not see",
    signature: /outside the scope: .*expected 201 to be 422/s,
  },
  unreadableFieldWrite: {
    id: "unreadable-field-write",
    description:
      'writing a field the user may not read answers 403 "you may not write <field>", revealing the field, instead of the unknown-field answer (422 unknown_field) that filters and sorts give',
    signature: /\(unreadable: as if unknown\): .*expected 403 to be 422/s,
  },
} satisfies Record<string, KnownBug>;

function referenceFields(oracle: Oracle, crm: Crm, entity: string): string[] {
  const writable = oracle.writable(entity);
  return oracle
    .entity(entity)
    .fields.filter((f) => f.type === "reference" && writable.has(f.name) && !f.readOnly)
    .filter((f) => !readsEverything(crm, oracle.user.roles, f.entity!))
    .map((f) => f.name);
}

/** Whether a role reads every record of an entity (an `all` read without condition): then nothing is outside its scope. */
function readsEverything(crm: Crm, roles: string[], entity: string): boolean {
  return roles.some((role) =>
    crm.roles
      .get(role)
      ?.permissions.some(
        (p) =>
          p.entity === entity &&
          (p.read === "all" || (typeof p.read === "object" && p.read.scope === "all" && !p.read.condition)),
      ),
  );
}

const runners: Record<Operation, (s: Subject) => Promise<void>> = {
  list: checkList,
  search: checkSearch,
  export: checkExport,
  read: checkRead,
  history: checkHistory,
  lookup: checkLookup,
  create: checkCreate,
  update: checkUpdate,
  delete: checkDelete,
};

/**
 * Generates the matrix from the definition: for one user of each role, every
 * entity × operation (create and update also with the fields the role may
 * not write; the lookup also with references outside the scope where the
 * role could name one); lists also for every other user.
 *
 * @example
 * const cases = matrixCases(readCrm(crmFolder), plannedUsers);
 * cases.length; // ~1,000
 */
export function matrixCases(crm: Crm, users: PlannedUser[]): MatrixCase[] {
  const representatives = new Map<string, PlannedUser>();
  for (const user of users)
    for (const role of user.roles) if (!representatives.has(role)) representatives.set(role, user);
  const cases: MatrixCase[] = [];
  for (const operation of operations) {
    for (const user of operation === "list" ? users : [...representatives.values()]) {
      const oracle = new Oracle(
        crm,
        { id: "", username: user.username, roles: user.roles, unit: null, managerId: null },
        new Set(),
      );
      for (const entity of crm.entities.keys()) {
        const base = { role: user.roles.join("+"), username: user.username, entity, operation };
        const reads = oracle.hasGrant("read", entity);
        const hiddenField = oracle.entity(entity).fields.some((f) => !oracle.readable(entity).has(f.name));
        let bug: KnownBug | undefined;
        if (!reads && ["list", "search", "export", "lookup"].includes(operation)) bug = knownBugs.noReadGrantLists;
        else if (operation === "export" && hiddenField) bug = knownBugs.exportHiddenColumns;
        cases.push({ ...base, ...(bug ? { bug } : {}), run: runners[operation] });
        const writes = operation === "create" ? "create" : operation === "update" ? "update" : undefined;
        const guarded = writes ? protectedFields(oracle, entity) : [];
        if (writes && oracle.hasGrant(writes, entity) && guarded.length > 0) {
          const hidden = guarded.some((f) => f !== "owner" && !oracle.readable(entity).has(f));
          cases.push({
            ...base,
            part: "fields it may not write",
            ...(hidden ? { bug: knownBugs.unreadableFieldWrite } : {}),
            run: writes === "create" ? checkCreateProtected : checkUpdateProtected,
          });
        }
        const references = referenceFields(oracle, crm, entity);
        if (operation === "lookup" && oracle.hasGrant("create", entity) && references.length > 0) {
          cases.push({
            ...base,
            part: "a reference outside the scope",
            bug: knownBugs.referenceOutsideScope,
            run: (s) => checkReference(s, references),
          });
        }
      }
    }
  }
  return cases;
}
