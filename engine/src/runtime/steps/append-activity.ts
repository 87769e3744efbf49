import type { Entity } from "../../definitions/index.ts";
import type { Label } from "../../process/render.ts";
import type { StepContext, StepImplementation } from "./types.ts";

/**
 * How an activity links to the process's record: its reference to the
 * record's entity, else the references the two share (a complaint's customer).
 */
function links(activity: Entity, context: StepContext): Record<string, unknown> {
  const direct = activity.fields.find((f) => f.type === "reference" && f.entity === context.entity.name);
  if (direct) return { [direct.name]: context.record.id };
  const shared: Record<string, unknown> = {};
  for (const field of activity.fields) {
    if (field.type !== "reference") continue;
    const mine = context.entity.fields.find((f) => f.type === "reference" && f.entity === field.entity);
    if (mine && context.record[mine.name]) shared[field.name] = context.record[mine.name];
  }
  return shared;
}

/**
 * `append_activity`: adds an `activity` record (subject, kind, when) linked to
 * the process's record, owned by its owner. A definition without an
 * `activity` entity keeps the entry on the process's timeline instead.
 */
export const appendActivity: StepImplementation = {
  type: "append_activity",
  async run(params, context) {
    const subject = params.subject as Label;
    const text = subject[context.locale] ?? subject.en ?? Object.values(subject)[0] ?? "";
    const activity = context.workspace.definition.entities.get("activity");
    if (!activity?.fields.some((f) => f.name === "subject")) return context.note(text);
    const input: Record<string, unknown> = { subject: text, owner: context.record.owner, ...links(activity, context) };
    if (activity.fields.some((f) => f.name === "kind")) input.kind = params.kind;
    if (activity.fields.some((f) => f.name === "occurred_at")) input.occurred_at = context.now.toISOString();
    await context.records.write("activity", [{ kind: "create", input }]);
  },
};
