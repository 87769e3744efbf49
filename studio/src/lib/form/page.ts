import type { Cell } from "../definition/display";
import type { FieldDef, JsonSchema } from "../types";
import type { CelUser } from "./expressions";
import type { FormSection } from "./layout";
import type { FormProblem } from "./validate";
import type { RawValues } from "./values";

/** What a record's form page loads: the layout, the values to start from, what checks them. */
export interface FormPageData {
  mode: "create" | "update";
  entity: {
    name: string;
    label: string;
    plural: string;
    /** The label as it reads inside a sentence. */ inSentence: string;
  };
  title: string;
  sections: FormSection[];
  /** The entity's readable fields, for the visibility rules. */
  fields: FieldDef[];
  /** The record as saved (or a new record's defaults), for rules on read-only fields. */
  record: Record<string, unknown>;
  /** Read-only fields' values as shown. */
  display: Record<string, Cell>;
  /** The inputs' values to start from. */
  initial: RawValues;
  /** The JSON Schema the API checks this write against, narrowed to what the user may write. */
  schema: JsonSchema;
  user: CelUser;
  people: Array<{ id: string; name: string }>;
  /** The app's time zone, in which date-times are typed. */
  zone: string;
  /** The entities references point to, by name, when the user may read them. */
  targets: Record<string, { label: string; plural: string }>;
  locale: string;
  /** The app's currency, for amounts. */
  currency: string | undefined;
  version: number | null;
  cancelHref: string;
  /** Why the user may not save this form, if they may not. */
  refusal: string | null;
}

/** Where the saved record and the user's values differ, after a conflicting save. */
export interface ConflictData {
  version: number;
  by: string | null;
  at: string | null;
  differences: Array<{ field: string; label: string; yours: Cell; saved: Cell }>;
}

/** What a refused save answers the form with: what was typed, and why it was not saved. */
export interface FormActionData {
  raw: RawValues;
  problems?: FormProblem[];
  message?: string;
  conflict?: ConflictData;
}
