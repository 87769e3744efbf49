import { labelOf } from "../i18n";
import { fieldLabel, type LabelContext } from "../list/columns";
import type { EntityDef, FieldDef, FieldOption, FormView } from "../types";
import { stepOf, type Widget, widgetOf } from "./widgets";

/** A field as a form shows it: its widget, whether it may be edited, when it shows. */
export interface FormField {
  name: string;
  label: string;
  description?: string;
  widget: Widget;
  required: boolean;
  /** Shown as a value, not as an input: computed, set by processes, or not writable for the user. */
  readOnly: boolean;
  /** A CEL rule on `record` and `user`; the field shows only while it holds. */
  visibleWhen?: string;
  full: boolean;
  options?: Array<{ value: string; label: string }>;
  /** The referenced entity, for a reference. */
  entity?: string;
  /** Money's currency. */
  currency?: string;
  step?: string;
  min?: number;
  max?: number;
  maxLength?: number;
}

/** A section of a form. */
export interface FormSection {
  name: string;
  label: string;
  columns: number;
  visibleWhen?: string;
  fields: FormField[];
}

/** What a form's layout needs besides the entity: labels, the app's currency, the fields the user may write. */
export interface LayoutContext extends LabelContext {
  currency?: string | undefined;
  writable: Iterable<string>;
}

function options(field: FieldDef, ctx: LabelContext): FormField["options"] {
  return field.options?.map((o: FieldOption) => ({
    value: o.value,
    label: labelOf(o.label, ctx.locale, ctx.fallbacks),
  }));
}

/**
 * The sections and fields of an entity's form as the user may fill it: the
 * entity's first form view (the engine generates one for entities without),
 * in its order, each field with its widget; fields the user may not write,
 * fields only processes set and computed fields read-only.
 *
 * @example
 * formLayout(opportunity, ctx)[0].fields.map((f) => f.name); // ["name", "stage", "customer", …]
 */
export function formLayout(entity: EntityDef, ctx: LayoutContext): FormSection[] {
  const writable = new Set(ctx.writable);
  const form: FormView | undefined = entity.views.forms[0];
  const sections = form?.sections ?? [
    { name: "main", label: entity.label, columns: 2, fields: entity.fields.map((f) => f.name) },
  ];
  return sections.map((section) => ({
    name: section.name,
    label: labelOf(section.label, ctx.locale, ctx.fallbacks),
    columns: Math.max(1, Math.min(section.columns ?? 2, 3)),
    ...(section.visibleWhen ? { visibleWhen: section.visibleWhen } : {}),
    fields: section.fields.flatMap((item): FormField[] => {
      const placed = typeof item === "string" ? { field: item } : item;
      const field = entity.fields.find((f) => f.name === placed.field);
      if (!field) return [];
      const widget = widgetOf(field);
      const description = labelOf(field.description, ctx.locale, ctx.fallbacks);
      const money = field.type === "money" || (field.type === "computed" && field.resultType === "money");
      return [
        {
          name: field.name,
          label: fieldLabel(field, ctx),
          ...(description ? { description } : {}),
          widget,
          required: field.required === true,
          readOnly:
            widget === "display" || field.readOnly === true || placed.readOnly === true || !writable.has(field.name),
          ...(placed.visibleWhen ? { visibleWhen: placed.visibleWhen } : {}),
          full: placed.width === "full" || widget === "textarea" || widget === "checkboxes" || widget === "users",
          ...(field.options ? { options: options(field, ctx) } : {}),
          ...(field.entity ? { entity: field.entity } : {}),
          ...(money ? { currency: field.currency ?? ctx.currency } : {}),
          ...(["number", "money", "percent"].includes(widget) ? { step: stepOf(field) } : {}),
          ...(field.min !== undefined ? { min: field.min } : {}),
          ...(field.max !== undefined ? { max: field.max } : {}),
          ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        },
      ];
    }),
  }));
}

/**
 * The fields a form sends: those shown as inputs, in a section and with a
 * rule that both hold.
 *
 * @example
 * editableFields(sections, (rule) => visible(rule, record, user)).map((f) => f.name); // ["name", "amount", …]
 */
export function editableFields(sections: FormSection[], holds: (rule: string) => boolean): FormField[] {
  return sections
    .filter((s) => !s.visibleWhen || holds(s.visibleWhen))
    .flatMap((s) => s.fields)
    .filter((f) => !f.readOnly && (!f.visibleWhen || holds(f.visibleWhen)));
}
