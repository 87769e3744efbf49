import { appendActivity } from "./append-activity.ts";
import { createRecord } from "./create-record.ts";
import { notify } from "./notify.ts";
import { cancelReminder, scheduleReminder } from "./reminders.ts";
import { setFields } from "./set-fields.ts";
import type { StepImplementation, StepRegistry } from "./types.ts";

/**
 * The built-in steps' implementations, one registration line each; plugins
 * add theirs under `<plugin>.<step>`.
 *
 * @example
 * const steps = builtInSteps();
 * steps.set("messaging.send_sms", sendSms);
 */
export function builtInSteps(): StepRegistry {
  const steps: StepImplementation[] = [
    setFields,
    createRecord,
    notify,
    appendActivity,
    scheduleReminder,
    cancelReminder,
  ];
  return new Map(steps.map((step) => [step.type, step]));
}

export type { DeliveryContext, StepContext, StepImplementation, StepRegistry } from "./types.ts";
