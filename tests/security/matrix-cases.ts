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

/** Engine bugs the matrix shows today (none): each case they break would run as `it.fails`. */
export const knownBugs: Record<string, KnownBug> = {};

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
        cases.push({ ...base, run: runners[operation] });
        const writes = operation === "create" ? "create" : operation === "update" ? "update" : undefined;
        const guarded = writes ? protectedFields(oracle, entity) : [];
        if (writes && oracle.hasGrant(writes, entity) && guarded.length > 0) {
          cases.push({
            ...base,
            part: "fields it may not write",
            run: writes === "create" ? checkCreateProtected : checkUpdateProtected,
          });
        }
        const references = referenceFields(oracle, crm, entity);
        if (operation === "lookup" && oracle.hasGrant("create", entity) && references.length > 0) {
          cases.push({
            ...base,
            part: "a reference outside the scope",
            run: (s) => checkReference(s, references),
          });
        }
      }
    }
  }
  return cases;
}
