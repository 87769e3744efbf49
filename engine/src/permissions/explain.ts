import type { Definition } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { conditionPredicate } from "../expressions/index.ts";
import { entityAccess, type Grant, type Operation, type Scope } from "./access.ts";
import { matchesRecord } from "./evaluate.ts";
import { type ScopeUsers, scopePredicate } from "./scope.ts";

/** One grant of one role, checked against the record (when there is one). */
export interface GrantCheck {
  role: string;
  scope: Scope;
  condition?: string;
  /** Whether the record is within the grant's scope; absent without a record. */
  inScope?: boolean;
  /** Whether the condition holds on the record; absent without a condition or a record. */
  conditionHolds?: boolean;
  reason: string;
}

/** Whether an operation is allowed, and why: the grant that allowed it, or why each grant did not. */
export interface Decision {
  allowed: boolean;
  reason: string;
  grant?: Grant;
  grants: GrantCheck[];
}

/** What a user may do with an entity (and one of its records), and why. */
export interface AccessExplanation {
  user: { id: string; username: string; roles: string[]; active: boolean };
  entity: string;
  record?: { id: string; owner: string; ownerName: string };
  operations: Record<Operation, Decision>;
  fields: { read: string[]; write: string[] };
  events: Record<string, string[]>;
}

/** Whom and what to explain. */
export interface ExplainInput {
  definition: Definition;
  /** The user and whom their `subtree` scope covers (org/people.ts scopeUsers). */
  users: ScopeUsers;
  active?: boolean;
  entity: string;
  /** The stored record, all its fields; without it, the grants are explained in general. */
  record?: Record<string, unknown>;
  /** A person's name for a user id (to name the owner). */
  nameOf?: (id: string) => string;
}

const scopeWords: Record<Scope, string> = {
  own: "their own records",
  subtree: "records owned in their subtree (their org unit and the units below, and their reports)",
  all: "all records",
};
const shortScopeWords: Record<Scope, string> = {
  own: "their own records",
  subtree: "records owned in their subtree",
  all: "all records",
};
const ownerWords: Record<Scope, string> = { own: "only themselves", subtree: "anyone in their subtree", all: "anyone" };

function checkGrant(operation: Operation, grant: Grant, input: ExplainInput): GrantCheck {
  const { users, record, entity } = input;
  const check: GrantCheck = { role: grant.role, scope: grant.scope, reason: "" };
  if (grant.condition) check.condition = grant.condition;
  const when = grant.condition ? ` when ${grant.condition}` : "";
  if (operation === "create" || !record) {
    check.reason =
      operation === "create"
        ? `role ${grant.role} grants create, with ${ownerWords[grant.scope]} as owner${when}`
        : `role ${grant.role} grants ${operation} on ${scopeWords[grant.scope]}${when}`;
    return check;
  }
  const owner = String(record.owner);
  const ownerName = input.nameOf?.(owner) ?? owner;
  check.inScope = matchesRecord(scopePredicate([{ role: grant.role, scope: grant.scope }], users), record);
  if (grant.condition) check.conditionHolds = matchesRecord(conditionPredicate(grant.condition, users.user), record);
  const who = users.user.username;
  if (!check.inScope) {
    check.reason =
      grant.scope === "own"
        ? `role ${grant.role} grants ${operation} on their own records only, and this ${entity} is owned by ${ownerName}`
        : `role ${grant.role} grants ${operation} on records owned in ${who}'s subtree, and the owner ${ownerName} is outside it`;
  } else if (check.conditionHolds === false) {
    check.reason = `role ${grant.role} grants ${operation} only when ${grant.condition}, which is false for this ${entity}`;
  } else {
    const because =
      grant.scope === "own"
        ? `, and ${who} owns it`
        : grant.scope === "subtree"
          ? `, and the owner ${ownerName} is in ${who}'s subtree`
          : "";
    check.reason = `role ${grant.role} grants ${operation} on ${shortScopeWords[grant.scope]}${because}${
      grant.condition ? `, and ${grant.condition} holds` : ""
    }`;
  }
  return check;
}

function decide(operation: Operation, grants: Grant[], input: ExplainInput, readable?: Decision): Decision {
  const { users, entity, record } = input;
  const who = users.user.username;
  const checks = grants.map((g) => checkGrant(operation, g, input));
  if (grants.length === 0) {
    const roles = users.user.roles;
    const held = roles.length > 0 ? `their roles: ${roles.join(", ")}` : "they have no roles";
    return { allowed: false, reason: `no role of ${who} grants ${operation} on ${entity} (${held})`, grants: checks };
  }
  if (input.active === false)
    return { allowed: false, reason: `${who} is deactivated and cannot sign in`, grants: checks };
  if (!record || operation === "create")
    return { allowed: true, reason: checks.map((c) => c.reason).join("; "), grants: checks };
  if (readable && !readable.allowed) {
    const reason = `${who} may not ${operation} this ${entity}: they cannot read it, so it is not found for them`;
    return { allowed: false, reason, grants: checks };
  }
  const index = checks.findIndex((c) => c.inScope && c.conditionHolds !== false);
  if (index >= 0) return { allowed: true, reason: checks[index]!.reason, grant: grants[index]!, grants: checks };
  const reason = `${who} may not ${operation} this ${entity}: ${checks.map((c) => c.reason).join("; ")}`;
  return { allowed: false, reason, grants: checks };
}

/**
 * Explains what a user may do with an entity and, given a record, with that
 * record: for create, read, update and delete, whether it is allowed and by
 * which role and grant (scope, condition), or why not (no role grants it; the
 * owner is outside the user's own or subtree scope; a condition is false).
 * Update and delete need the record to be readable too, as in the records
 * service. Also the fields the user may read and write and the events they
 * may fire. Pure: the record and the scope's users are given.
 *
 * @example
 * const users = await scopeUsers(storage.sql, "acme", orgUser);
 * const why = explainAccess({ definition, users, entity: "customer", record, nameOf: (id) => names.get(id) ?? id });
 * why.operations.read; // { allowed: false, reason: "li.wei may not read this customer: role sales_rep grants read on their own records only, and this customer is owned by wang.fang", … }
 */
export function explainAccess(input: ExplainInput): AccessExplanation {
  const { definition, users, entity, record } = input;
  const access = entityAccess(definition, users.user.roles, entity);
  if (!access) throw new EngineError("not_found", `no entity "${entity}" in this workspace`);
  const read = decide("read", access.grants.read, input);
  const explanation: AccessExplanation = {
    user: {
      id: users.user.id,
      username: users.user.username,
      roles: users.user.roles,
      active: input.active ?? true,
    },
    entity,
    operations: {
      create: decide("create", access.grants.create, input),
      read,
      update: decide("update", access.grants.update, input, read),
      delete: decide("delete", access.grants.delete, input, read),
    },
    fields: { read: [...access.readable].sort(), write: [...access.writable].sort() },
    events: Object.fromEntries(
      [...access.events].sort(([a], [b]) => a.localeCompare(b)).map(([process, events]) => [process, [...events]]),
    ),
  };
  if (record) {
    const owner = String(record.owner);
    explanation.record = { id: String(record.id), owner, ownerName: input.nameOf?.(owner) ?? owner };
  }
  return explanation;
}
