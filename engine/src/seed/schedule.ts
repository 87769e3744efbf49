import type { BatchItem } from "../records/batch-write.ts";
import { addDays, atLocal, localDate, workingDays } from "./calendar.ts";
import { demoPeople } from "./org-chart.ts";
import { customersOwnedBy, person, type World } from "./world.ts";

const plans: Record<string, string[]> = {
  meeting: ["Technical meeting with the production team", "Price negotiation", "Project kick-off"],
  call: ["Call about the open quotation", "Follow-up call after the demo", "Check delivery date with the customer"],
  task: ["Prepare the quotation", "Send reference list", "Update the account plan"],
  reminder: ["Contract renewal coming up", "Payment due next week"],
};

/**
 * Plans the reps' Friday planning of the last `weeks` of the story (what
 * the schedule shows around today): each rep still at the company puts next
 * week's calls, meetings and tasks with their customers in their schedule
 * (and a few for the week after), and ticks off most of this week's; each
 * sales manager plans the Monday team meeting. The last Friday's plans are
 * the coming weeks of the demo.
 *
 * @example
 * planSchedules(world, 4);
 */
export function planSchedules(world: World, weeks: number): void {
  const fridays = workingDays(addDays(localDate(world.end), -weeks * 7), localDate(world.end)).filter(
    (d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5,
  );
  for (const friday of fridays)
    world.agenda.at(atLocal(friday, 16 + world.random.float(0, 1.5)), "schedule.plan", () => planWeek(world, friday));
}

/** The Monday after a date. */
function mondayAfter(date: string): string {
  let day = addDays(date, 1);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

/**
 * Every rep plans the `weeks` from the Monday after `from`, and ticks off
 * what is done; managers plan their next team meeting.
 *
 * @example
 * await planWeek(world, "2026-03-06", 3); // the three weeks from Monday 9 March
 */
export async function planWeek(world: World, from: string, weeks = 1): Promise<void> {
  const { random } = world;
  const monday = mondayAfter(from);
  for (const p of demoPeople) {
    if (!world.active.has(p.username)) continue;
    const actor = person(world, p.username);
    if (p.roles.includes("sales_manager")) {
      await world.records.create(actor, "schedule_item", {
        title: "Weekly sales team meeting",
        kind: "meeting",
        starts_at: atLocal(monday, 9).toISOString(),
        ends_at: atLocal(monday, 10).toISOString(),
        location: "Meeting room 3",
      });
      continue;
    }
    if (!p.roles.includes("sales_rep")) continue;
    const customers = customersOwnedBy(world, actor.id);
    if (customers.length === 0) continue;
    const items: BatchItem[] = [];
    const days = workingDays(monday, addDays(monday, 7 * weeks - 3));
    for (let i = random.int(2, 3 + weeks); i > 0; i--) {
      const kind = random.weighted({ meeting: 30, call: 40, task: 20, reminder: 10 });
      const customer = random.pick(customers);
      const start = atLocal(random.pick(days), random.int(18, 34) / 2);
      items.push({
        kind: "create",
        input: {
          title: `${random.pick(plans[kind]!)}: ${customer.name}`.slice(0, 200),
          kind,
          starts_at: start.toISOString(),
          ends_at: new Date(start.getTime() + (kind === "meeting" ? 90 : 30) * 60_000).toISOString(),
          customer: customer.id,
          ...(customer.contacts[0] ? { contact: customer.contacts[0].id } : {}),
          ...([...customer.opportunities].at(-1) ? { opportunity: [...customer.opportunities].at(-1) } : {}),
          ...(kind === "meeting" ? { location: customer.address || customer.name } : {}),
        },
      });
    }
    await world.records.batch(actor, async (batch) => {
      const mine = await batch.find("schedule_item", "assignee", [actor.id]);
      const now = world.clock.now().getTime();
      const done = mine.filter((item) => !item.done && Date.parse(String(item.starts_at)) < now && random.chance(0.85));
      const results = await batch.write("schedule_item", [
        ...done.map((before) => ({ kind: "update" as const, before, input: { done: true } })),
        ...items,
      ]);
      const refused = results.find((r) => r.status === "rejected");
      if (refused?.status === "rejected") throw refused.error;
    });
  }
}
