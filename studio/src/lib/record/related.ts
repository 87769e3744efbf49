import type { Cell } from "../definition/display";

/** Records of another entity that point to a record, as its page lists them. */
export interface RelatedList {
  key: string;
  label: string;
  columns: string[];
  rows: Array<{ id: string; href: string; cells: Cell[] }>;
  /** Whether there are more than the rows shown. */
  more: boolean;
  /** The other entity's list, filtered on the reference. */
  allHref: string;
  /** The other entity's form with the reference filled in, when the user may create. */
  newHref: string | null;
  newLabel: string;
}
