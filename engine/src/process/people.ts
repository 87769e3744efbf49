/** A people rule of the definition: `{ "type": "manager", "params": { "of": "owner", "levels": 2 } }`. */
export interface PeopleRule {
  type: string;
  params?: Record<string, unknown>;
}

/**
 * What people rules need to know of the org: the runtime answers from the
 * database, the simulator from the users of its script. Ids are opaque.
 */
export interface PeopleDirectory {
  /** The user's manager, or null. */
  managerOf(userId: string): Promise<string | null>;
  /** The user's org unit, or null. */
  unitOf(userId: string): Promise<string | null>;
  /** An org unit by its code, or null. */
  unitByCode(code: string): Promise<string | null>;
  /** The unit's parent, or null at the top. */
  parentOf(unitId: string): Promise<string | null>;
  /** The holders of a role placed in a unit, or anywhere when `unitId` is null: the active ones, or all with `inactive`. */
  holders(role: string, unitId: string | null, inactive?: boolean): Promise<string[]>;
  /** A user by username, or null. */
  userByName(username: string): Promise<string | null>;
  /** Those of `ids` who are active users. */
  active(ids: string[]): Promise<string[]>;
}

/** Whom the rules are about: the record (its owner and user fields), who submitted, who approves. */
export interface PeopleContext {
  record: Record<string, unknown>;
  submitterId: string | null;
  approverIds: string[];
}

async function managers(directory: PeopleDirectory, from: string[], levels: number): Promise<string[]> {
  let current = from;
  for (let level = 0; level < levels; level++) {
    const next = await Promise.all(current.map((id) => directory.managerOf(id)));
    current = next.filter((id): id is string => id !== null);
  }
  return current;
}

async function roleHolders(
  directory: PeopleDirectory,
  params: Record<string, unknown>,
  owner: string | null,
  inactive: boolean,
): Promise<string[]> {
  const role = String(params.role);
  const search = (params.search as string | undefined) ?? "ancestors";
  if (search === "all") return directory.holders(role, null, inactive);
  let unit = params.unit
    ? await directory.unitByCode(String(params.unit))
    : owner
      ? await directory.unitOf(owner)
      : null;
  if (!unit) return [];
  if (search === "unit") return directory.holders(role, unit, inactive);
  // The nearest holders going up the org: the unit's own, else its parent's, and so on.
  for (let depth = 0; unit && depth < 64; depth++) {
    const found = await directory.holders(role, unit, inactive);
    if (found.length > 0) return found;
    unit = await directory.parentOf(unit);
  }
  return [];
}

/**
 * Resolves people rules to the ids of active users, without duplicates, in
 * the order the rules name them: the owner, the submitter, the approvers, a
 * manager some levels up, the holders of a role near a unit, a named user,
 * the users in a user field. With `inactive`, inactive users stay in (to
 * say who was passed over).
 *
 * @example
 * await resolvePeople([{ type: "manager", params: { of: "owner", levels: 2 } }], { record, submitterId: null, approverIds: [] }, directory);
 */
export async function resolvePeople(
  rules: PeopleRule[],
  context: PeopleContext,
  directory: PeopleDirectory,
  options: { inactive?: boolean } = {},
): Promise<string[]> {
  const inactive = options.inactive ?? false;
  const owner = typeof context.record.owner === "string" ? context.record.owner : null;
  const found: string[] = [];
  for (const rule of rules) {
    const params = rule.params ?? {};
    switch (rule.type) {
      case "owner":
        if (owner) found.push(owner);
        break;
      case "submitter":
        if (context.submitterId) found.push(context.submitterId);
        break;
      case "approvers":
        found.push(...context.approverIds);
        break;
      case "manager": {
        const of = (params.of as string | undefined) ?? "owner";
        const from =
          of === "owner"
            ? owner
              ? [owner]
              : []
            : of === "submitter"
              ? context.submitterId
                ? [context.submitterId]
                : []
              : context.approverIds;
        found.push(...(await managers(directory, from, Number(params.levels ?? 1))));
        break;
      }
      case "role":
        found.push(...(await roleHolders(directory, params, owner, inactive)));
        break;
      case "user": {
        const id = await directory.userByName(String(params.username));
        if (id) found.push(id);
        break;
      }
      case "field": {
        const value = context.record[String(params.field)];
        if (typeof value === "string") found.push(value);
        else if (Array.isArray(value)) found.push(...value.filter((v): v is string => typeof v === "string"));
        break;
      }
      default:
        throw new Error(`no people rule "${rule.type}"`);
    }
  }
  const unique = [...new Set(found)];
  return inactive ? unique : directory.active(unique);
}
