import type { Definition } from "../definitions/index.ts";
import { durationMs } from "../process/duration.ts";

const isoDuration = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Every ISO-8601 duration a process names as a delay: `after` keys and values, approval timeouts, reminders. */
function delaysIn(value: unknown, found: string[]): void {
  if (Array.isArray(value)) for (const item of value) delaysIn(item, found);
  else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      if (key === "after" && typeof inner === "string" && isoDuration.test(inner)) found.push(inner);
      if (key === "after" && inner && typeof inner === "object")
        for (const delay of Object.keys(inner)) if (isoDuration.test(delay)) found.push(delay);
      delaysIn(inner, found);
    }
}

/**
 * The shortest delay after which any process of a definition can set a
 * timer to fire, in milliseconds (at least `floorMs`, at most `ceilingMs`):
 * a timer set now is never due before now plus this.
 *
 * @example
 * shortestDelayMs(crm); // 28_800_000 (a service request's PT8H)
 */
export function shortestDelayMs(definition: Definition, floorMs = 5 * 60_000, ceilingMs = 8 * 3600_000): number {
  const found: string[] = [];
  for (const process of definition.processes.values()) delaysIn(process.states, found);
  const shortest = Math.min(ceilingMs, ...found.map((d) => durationMs(d, new Date(0))));
  return Math.max(floorMs, shortest);
}
