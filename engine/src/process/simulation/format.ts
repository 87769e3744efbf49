import type { SimulationEntry, SimulationResult } from "./types.ts";

/** An instant as the log shows it: `2026-03-03 09:00` (UTC), with seconds only when there are some. */
export function time(iso: string): string {
  const minutes = iso.slice(0, 16).replace("T", " ");
  const seconds = iso.slice(16, 19);
  return seconds === ":00" ? minutes : `${minutes}${seconds}`;
}

function describe(entry: SimulationEntry): string {
  switch (entry.kind) {
    case "script":
      return "";
    case "state": {
      const cause = entry.event.startsWith("xstate.after.") ? "timer" : entry.event;
      const move =
        entry.from === null
          ? `→ ${entry.to}`
          : entry.from === entry.to
            ? `stays in ${entry.to}`
            : `${entry.from} → ${entry.to}`;
      return `state    ${move} (${cause}, by ${entry.by})${entry.final ? " [ended]" : ""}`;
    }
    case "timer": {
      const due = entry.action === "set" ? `, due ${time(entry.due)}` : "";
      const skipped = entry.skipped ? `; nothing happens: ${entry.skipped}` : "";
      return `timer    ${entry.action} ${entry.label}${due}${skipped}`;
    }
    case "approval": {
      const level = entry.level ? ` (level ${entry.level})` : "";
      const comment = entry.comment ? `: ${entry.comment}` : "";
      switch (entry.action) {
        case "started":
          return `approval started in ${entry.state}, submitted by ${entry.by}`;
        case "assigned":
          return `approval level ${entry.level} waits for ${entry.approvers?.join(", ")}`;
        case "timeout":
          return `approval level ${entry.level} timed out${comment}`;
        case "approve":
        case "reject":
        case "return":
          return `approval ${entry.by} ${entry.action}s${level}${comment}`;
        case "delegate":
          return `approval ${entry.by} delegates to ${entry.approvers?.join(", ")}${level}${comment}`;
        default:
          return `approval ${entry.action}${level}${comment}`;
      }
    }
    case "step":
      return `step     ${entry.type}: ${entry.text}`;
    case "record":
      return `record   edited: ${Object.entries(entry.changes)
        .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
        .join(", ")}`;
    case "notify": {
      const reason = entry.reason === "process" ? "" : ` (${entry.reason})`;
      const to = entry.to.length > 0 ? entry.to.join(", ") : "nobody (its rules find no one)";
      return `notify   ${to}${reason}: ${entry.message}`;
    }
    case "expect":
      return `expect   ${entry.passed ? "✓" : "✗"} ${entry.message}`;
    case "error":
      return `error    ${entry.message}`;
  }
}

/** The one-line verdict of a simulation. */
export function verdict(result: SimulationResult): string {
  if (result.problems.length > 0) return `invalid script: ${result.problems.join("; ")}`;
  const expects = result.entries.filter((e) => e.kind === "expect");
  const failed = result.entries.filter((e) => e.kind === "error" || (e.kind === "expect" && !e.passed));
  if (failed.length === 0)
    return `passed: ${expects.length} expectation${expects.length === 1 ? "" : "s"} held; the process is in "${result.state}"`;
  const first = failed[0]!;
  const where = first.step === null ? "while starting" : `at step ${first.step}`;
  return `failed ${where}: ${first.kind === "error" || first.kind === "expect" ? first.message : ""}${
    failed.length > 1 ? ` (and ${failed.length - 1} more)` : ""
  }`;
}

/**
 * A simulation's log as text: a line per script step, an indented line per
 * thing that happened with its time, then the verdict.
 *
 * @example
 * formatSimulation(result);
 * // ["  2026-03-02 09:00  state    → open (start, by supervisor)", …, "step 1: advance PT25H", …, "passed: 6 expectations held; …"]
 */
export function formatSimulation(result: SimulationResult): string[] {
  const lines = result.entries.map((entry) =>
    entry.kind === "script"
      ? `step ${entry.step}: ${entry.text}${entry.note ? ` — ${entry.note}` : ""}`
      : `  ${time(entry.at)}  ${describe(entry)}`,
  );
  return [...lines, verdict(result)];
}
