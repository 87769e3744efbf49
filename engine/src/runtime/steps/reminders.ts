import { addDuration } from "../../process/duration.ts";
import type { StepImplementation } from "./types.ts";

/** The timer key of a named reminder. */
export const reminderKey = (name: string) => `reminder.${name}`;

/** `schedule_reminder`: a durable timer that notifies people later, unless cancelled first. */
export const scheduleReminder: StepImplementation = {
  type: "schedule_reminder",
  async run(params, context) {
    await context.schedule({
      kind: "reminder",
      key: reminderKey(String(params.name)),
      dueAt: addDuration(context.now, String(params.after)),
      payload: { name: params.name, to: params.to, message: params.message },
    });
  },
};

/** `cancel_reminder`: cancels the record's pending reminder of that name. */
export const cancelReminder: StepImplementation = {
  type: "cancel_reminder",
  async run(params, context) {
    await context.cancel(reminderKey(String(params.name)));
  },
};
