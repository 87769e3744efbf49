import type { Person, StepRunContext } from "@temper/plugin-sdk";
import type { Rule } from "./params.ts";

/** A rule's choice: the user picked and why, or why nobody could be. */
export type Pick = { person: Person; why: string } | { person: null; why: string };

/**
 * Picks one user of a rule's pool (`everyone`, inactive users included, in
 * pool order) by the rule's strategy, passing over inactive users and users
 * at capacity, and says why in words the timeline shows.
 *
 * @example
 * await pickFrom(ctx, { pool, strategy: "round_robin" }, everyone, "lead_conversion.new.east");
 * // { person: { name: "Li Wei", ... }, why: "round robin after Zhang Min; skipped Chen Jie (inactive)" }
 */
export async function pickFrom(ctx: StepRunContext, rule: Rule, everyone: Person[], key: string): Promise<Pick> {
  const active = everyone.filter((p) => p.active);
  const load =
    rule.capacity || rule.strategy === "least_loaded" ? await ctx.directory.openLoad(active.map((p) => p.id)) : null;
  const full = (p: Person) => rule.capacity !== undefined && (load?.get(p.id) ?? 0) >= rule.capacity;
  const passedOver = (p: Person) => (!p.active ? "inactive" : full(p) ? `at capacity, ${load?.get(p.id)} open` : null);
  const candidates = active.filter((p) => !full(p));
  if (candidates.length === 0) {
    const why = everyone.map((p) => `${p.name} (${passedOver(p)})`).join(", ");
    return { person: null, why: everyone.length === 0 ? "nobody in the pool" : `nobody available: ${why}` };
  }
  switch (rule.strategy ?? "round_robin") {
    case "first": {
      const person = candidates[0]!;
      const before = everyone.slice(0, everyone.indexOf(person));
      return { person, why: `the first available${skipped(before, passedOver)}` };
    }
    case "least_loaded": {
      const open = (p: Person) => load?.get(p.id) ?? 0;
      const person = candidates.reduce((best, p) => (open(p) < open(best) ? p : best));
      const others = candidates.filter((p) => p !== person);
      const against = others.length > 0 ? ` against ${others.map((p) => `${p.name} ${open(p)}`).join(", ")}` : "";
      return { person, why: `least loaded: ${open(person)} open${against}${skipped(everyone, passedOver)}` };
    }
    case "round_robin": {
      const last = await ctx.state.get<string>(key);
      const start = everyone.findIndex((p) => p.id === last) + 1;
      const turn = [...everyone.slice(start), ...everyone.slice(0, start)];
      const person = turn.find((p) => passedOver(p) === null)!;
      await ctx.state.set(key, person.id);
      const previous = everyone.find((p) => p.id === last);
      const after = previous ? ` after ${previous.name}` : "";
      return { person, why: `round robin${after}${skipped(turn.slice(0, turn.indexOf(person)), passedOver)}` };
    }
  }
}

function skipped(people: Person[], passedOver: (p: Person) => string | null): string {
  const reasons = people.flatMap((p) => {
    const why = passedOver(p);
    return why ? [`${p.name} (${why})`] : [];
  });
  return reasons.length > 0 ? `; skipped ${reasons.join(", ")}` : "";
}
