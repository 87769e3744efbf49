import { notify as writeNotifications } from "../../notifications/notify.ts";
import type { PeopleRule } from "../../process/people.ts";
import { type Label, renderMessage } from "../../process/render.ts";
import type { StepContext, StepImplementation } from "./types.ts";

/** Renders a message with the record's display values (`{{record.owner}}` is the owner's name). */
export async function renderFor(context: StepContext, message: Label): Promise<string> {
  const names = [...(message[context.locale] ?? message.en ?? "").matchAll(/\{\{\s*record\.([a-z][a-z0-9_]*)/g)];
  const values = new Map<string, unknown>();
  for (const [, field] of names) values.set(field!, await context.display(field!));
  return renderMessage(message, context.locale, (field) => values.get(field));
}

/** Queues an in-app notification for the people rules name, rendered now. */
export async function enqueueNotice(
  context: StepContext,
  to: PeopleRule[] | string[],
  message: string,
  kind = "process",
): Promise<void> {
  const userIds = typeof to[0] === "string" ? (to as string[]) : await context.people(to as PeopleRule[]);
  if (userIds.length === 0) return;
  await context.enqueue("notify", {
    userIds,
    message,
    kind,
    entity: context.entity.name,
    recordId: String(context.record.id),
    actorId: context.actor.system ? null : context.actor.id,
  });
}

/** `notify`: an in-app notification to the people the rules name, delivered from the outbox. */
export const notify: StepImplementation = {
  type: "notify",
  async run(params, context) {
    await enqueueNotice(context, params.to as PeopleRule[], await renderFor(context, params.message as Label));
  },
  async deliver(payload, delivery) {
    await delivery.transaction((tx) =>
      writeNotifications(tx, {
        workspaceId: delivery.workspaceId,
        userIds: payload.userIds as string[],
        kind: String(payload.kind ?? "process"),
        entity: (payload.entity as string | undefined) ?? null,
        recordId: (payload.recordId as string | undefined) ?? null,
        actorId: (payload.actorId as string | undefined) ?? null,
        message: String(payload.message),
      }),
    );
  },
};
