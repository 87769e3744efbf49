import type { RecordData } from "../types";

/**
 * What the list says about a record the user saved but may no longer read:
 * its title, and whom it is assigned to when that is someone else (`null`
 * when it is the user, or nobody the studio can name).
 */
export interface SavedAwayNotice {
  entity: string;
  title: string;
  owner: string | null;
}

/** Where the studio goes once a record is saved, and the notice it shows there. */
export interface AfterSave {
  location: string;
  notice: SavedAwayNotice | null;
}

/**
 * Decides where a saved record's form leads: to the record when the user
 * may still read it; else (the assignment gave it to a colleague, the
 * change took it out of their scope) to the entity's list, with a notice
 * that says the record was saved and why it does not show.
 *
 * @example
 * afterSave({ entity: "lead", record, titleField: "name", readable: false, me: rep.id, names });
 * // { location: "/lead", notice: { entity: "lead", title: "Five-axis centres", owner: "Wang Fang" } }
 */
export function afterSave(saved: {
  entity: string;
  /** The record as the API answered the write. */
  record: RecordData;
  titleField: string;
  /** Whether the user may read the record now. */
  readable: boolean;
  /** The user's id. */
  me: string;
  /** People's names by id. */
  names: ReadonlyMap<string, string>;
}): AfterSave {
  const { entity, record } = saved;
  if (saved.readable) return { location: `/${entity}/${record.id}`, notice: null };
  const owner = typeof record.owner === "string" && record.owner !== saved.me ? record.owner : null;
  const title = record[saved.titleField];
  return {
    location: `/${entity}`,
    notice: {
      entity,
      title: title === null || title === undefined ? "" : String(title),
      owner: owner === null ? null : (saved.names.get(owner) ?? null),
    },
  };
}
