import {
  always,
  and,
  columnIn,
  columnIs,
  type ConditionUser,
  conditionPredicate,
  never,
  or,
  type Predicate,
} from "../expressions/index.ts";
import type { Grant } from "./access.ts";

/** Whom a user's `subtree` scope covers: the users of their org unit and the units below, and their reports. */
export interface ScopeUsers {
  user: ConditionUser;
  /** The ids of everyone whose records a `subtree` grant covers, the user included. */
  subtree: string[];
}

function scopeOf(grant: Grant, users: ScopeUsers): Predicate {
  switch (grant.scope) {
    case "all":
      return always;
    case "own":
      return columnIs("owner", users.user.id);
    case "subtree":
      return columnIn("owner", users.subtree);
  }
}

/**
 * The records a set of grants allows, as one predicate for the database:
 * the OR over grants of (its scope AND its condition). No grant: no record.
 *
 * @example
 * scopePredicate([{ role: "sales_rep", scope: "own" }], users); // owner = $1
 */
export function scopePredicate(grants: Grant[], users: ScopeUsers): Predicate {
  if (grants.length === 0) return never;
  return or(
    grants.map((g) => and([scopeOf(g, users), g.condition ? conditionPredicate(g.condition, users.user) : always])),
  );
}

/**
 * Which grant allows a record, by evaluating the same predicates on it in
 * memory (for a record not yet stored, and to explain a decision).
 */
export function matchingGrant(
  grants: Grant[],
  users: ScopeUsers,
  matches: (predicate: Predicate) => boolean,
): Grant | undefined {
  return grants.find((g) =>
    matches(and([scopeOf(g, users), g.condition ? conditionPredicate(g.condition, users.user) : always])),
  );
}
