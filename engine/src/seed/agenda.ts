import { EngineError } from "../errors.ts";
import type { Runtime } from "../runtime/index.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { StoryClock } from "./story-clock.ts";

/** A piece of the story: what someone does at a moment. */
interface Action {
  at: number;
  order: number;
  label: string;
  run: () => Promise<unknown>;
}

/** What telling a story did. */
export interface AgendaOutcome {
  /** Actions done. */
  actions: number;
  /** Actions that found their record moved on meanwhile (a timer was first), by label. */
  skipped: Record<string, number>;
  /** Actions planned past the story's end: they have not happened yet. */
  notYet: number;
  timersFired: number;
  timersFailed: number;
  delivered: number;
}

/** Planned work of a story, in the order of its moments. */
export interface Agenda {
  /** Plans `run` at `when` (at once if `when` has passed); `label` names the kind of work ("lead.contact"). */
  at(when: Date, label: string, run: () => Promise<unknown>): void;
}

/** Codes of a refusal that means "the record moved on": a timer fired first, a guard no longer holds. */
const movedOn = new Set(["state_conflict", "guard_failed"]);

/**
 * The agenda of a story: actions planned at moments (an action may plan
 * more), done one at a time in time order with the clock set to each one's
 * moment. Before each action, the timers due by then fire, each at its own
 * due time (looked for only when one can be due: a timer set by an action is
 * due `shortestDelayMs` after it at the earliest); the outbox is delivered
 * as each hour of the story passes, beside the story's work. An
 * action refused because its record moved on is counted and skipped; any
 * other error ends the story.
 *
 * @example
 * const agenda = storyAgenda();
 * agenda.at(new Date("2026-01-05T02:00:00Z"), "lead.create", async () => { … });
 * await agenda.tell({ storage, runtime, clock, workspaceId: "demo", end: new Date(), shortestDelayMs: 8 * 3600_000 });
 */
export function storyAgenda() {
  const heap: Action[] = [];
  let order = 0;
  let floor = -Infinity;

  const before = (a: Action, b: Action) => a.at < b.at || (a.at === b.at && a.order < b.order);
  function push(action: Action) {
    heap.push(action);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }
  function pop(): Action | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }

  return {
    at(when: Date, label: string, run: () => Promise<unknown>) {
      push({ at: Math.max(when.getTime(), floor), order: order++, label, run });
    },

    /** Tells the story up to `end`: every action planned until then, then the timers and outbox due at `end`. */
    async tell(options: {
      storage: Storage;
      runtime: Runtime;
      clock: StoryClock;
      workspaceId: string;
      end: Date;
      /** The shortest delay of any timer the processes set (see `shortestDelayMs`). */
      shortestDelayMs: number;
    }): Promise<AgendaOutcome> {
      const { storage, runtime, clock, workspaceId, end, shortestDelayMs } = options;
      const outcome: AgendaOutcome = {
        actions: 0,
        skipped: {},
        notYet: 0,
        timersFired: 0,
        timersFailed: 0,
        delivered: 0,
      };
      let deliveredHour = Math.floor(clock.now().getTime() / 3600_000);
      // Deliveries run beside the story (nothing in it reads what they write); a failure ends the story.
      let delivering: Promise<void> | undefined;
      let failure: unknown;

      async function deliver() {
        for (;;) {
          const round = await runtime.outbox.deliverDue({ limit: 500, concurrency: 2 });
          outcome.delivered += round.delivered;
          if (round.delivered + round.retried + round.failed < 500) return;
        }
      }

      /** Starts delivering the outbox when the story enters a new hour, once the previous delivery is done. */
      async function deliverHourly(instant: number) {
        const hour = Math.floor(instant / 3600_000);
        if (hour === deliveredHour) return;
        deliveredHour = hour;
        await delivering;
        delivering = deliver()
          .catch((error: unknown) => void (failure ??= error))
          .finally(() => (delivering = undefined));
      }

      // No timer can be due before this: the earliest pending one, or the shortest delay after an action.
      let checkAt = -Infinity;

      /** Fires, each at its due time, the timers due by `instant`; notes when the next one is due. */
      async function fireTimersUntil(instant: number) {
        if (instant < checkAt) return;
        for (;;) {
          const [next] = await storage.sql<[{ due: Date | null }]>`select min(due_at) as due from temper.timers
            where workspace_id = ${workspaceId} and status = 'pending'`;
          checkAt = next?.due?.getTime() ?? Infinity;
          if (checkAt > instant) return;
          if (checkAt > clock.now().getTime()) clock.set(next!.due!);
          const round = await runtime.timers.runDue({ limit: 500, concurrency: 1 });
          outcome.timersFired += round.fired;
          outcome.timersFailed += round.failed;
          await deliverHourly(clock.now().getTime());
          if (round.fired + round.failed === 0) return;
        }
      }

      async function moveTo(instant: number) {
        await fireTimersUntil(instant);
        if (instant > clock.now().getTime()) clock.set(new Date(instant));
        await deliverHourly(instant);
      }

      async function perform(action: Action) {
        try {
          await action.run();
          outcome.actions += 1;
        } catch (error) {
          if (!(error instanceof EngineError && movedOn.has(error.code)))
            throw new Error(`${action.label} at ${new Date(action.at).toISOString()}: ${describe(error)}`, {
              cause: error,
            });
          outcome.skipped[action.label] = (outcome.skipped[action.label] ?? 0) + 1;
        }
      }

      for (let action = pop(); action; action = pop()) {
        if (failure) throw failure;
        if (action.at > end.getTime()) {
          outcome.notYet += 1 + heap.length;
          break;
        }
        await moveTo(action.at);
        floor = action.at;
        await perform(action);
        checkAt = Math.min(checkAt, action.at + shortestDelayMs);
      }
      heap.length = 0;
      await delivering;
      if (failure) throw failure;
      await moveTo(end.getTime());
      await delivering;
      await deliver();
      return outcome;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
