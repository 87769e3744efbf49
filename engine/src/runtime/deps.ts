import type { GuardRegistry } from "../process/guards.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { Clock } from "./clock.ts";
import type { StepRegistry } from "./steps/types.ts";

/** What every part of the runtime shares: the database, the clock, the installed steps and guards. */
export interface RuntimeDeps {
  storage: Storage;
  clock: Clock;
  steps: StepRegistry;
  guards: GuardRegistry;
  /** Names this engine process in fired timers (`fired_by`). */
  workerId: string;
  /** Tells this process's workers there is work (an outbox row, a timer); other processes find it by polling. */
  nudge(queue: "outbox" | "timers"): void;
}
