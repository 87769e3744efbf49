import type { BatchItem } from "../records/batch-write.ts";
import { atLocal, localDate, workingDays } from "./calendar.ts";
import { demoPeople } from "./org-chart.ts";
import { activityNotes, activitySubjects } from "./texts.ts";
import { type Customer, customersOwnedBy, managerOf, person, type World } from "./world.ts";

const kindWeights = { call: 42, visit: 26, email: 15, meeting: 11, note: 6 };
const minutesOf: Record<string, [number, number]> = {
  call: [5, 30],
  visit: [60, 180],
  email: [5, 20],
  meeting: [45, 120],
  note: [0, 0],
};

/**
 * Plans the reps' activity log: on Tuesday and Friday evenings (and on the
 * story's last working evening) every rep still at the company writes up
 * the calls, visits, e-mails and meetings with their customers since the
 * last time (one batch each), linked to an open opportunity where the
 * customer has one. Visits and meetings wait for the manager's review.
 *
 * @example
 * planActivities(world);
 */
export function planActivities(world: World): void {
  const reps = demoPeople.filter((p) => p.roles.includes("sales_rep")).map((p) => p.username);
  const days = workingDays(localDate(world.start), localDate(world.end)).filter((d) => atLocal(d, 18.6) < world.end);
  let since = 0;
  days.forEach((day, index) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 2 && weekday !== 5 && index !== days.length - 1) return;
    const covered = days.slice(since, index + 1);
    since = index + 1;
    world.agenda.at(atLocal(day, 17.6 + world.random.float(0, 1)), "activity.log", async () => {
      for (const rep of reps) if (world.active.has(rep)) await logDays(world, rep, covered);
    });
  });
}

async function logDays(world: World, username: string, days: string[]): Promise<void> {
  const rep = person(world, username);
  const customers = customersOwnedBy(world, rep.id);
  if (customers.length === 0) return;
  const items = days.flatMap((day) => dayItems(world, customers, day));
  if (items.length === 0) return;
  const results = await world.records.batch(rep, (batch) => batch.write("activity", items));
  const manager = managerOf(username);
  for (const result of results) {
    if (result.status === "rejected") throw result.error;
    if (manager && ["visit", "meeting"].includes(String(result.record.kind))) {
      const queue = world.toReview.get(manager) ?? [];
      queue.push(String(result.record.id));
      world.toReview.set(manager, queue);
    }
  }
}

/** A rep's activities of one day with their customers. */
function dayItems(world: World, customers: Customer[], day: string): BatchItem[] {
  const { random } = world;
  const count = Number(random.weighted({ 0: 12, 1: 30, 2: 34, 3: 18, 4: 6 }));
  const items: BatchItem[] = [];
  const hours = Array.from({ length: count }, () => random.float(9, 17.5)).sort((a, b) => a - b);
  for (const hour of hours) {
    const customer = random.pick(customers);
    const kind = random.weighted(kindWeights);
    const [low, high] = minutesOf[kind]!;
    const contact = customer.contacts.length > 0 ? random.pick(customer.contacts) : undefined;
    const opportunity = [...customer.opportunities].at(-1);
    items.push({
      kind: "create",
      input: {
        subject: random.pick(activitySubjects[kind]!),
        kind,
        customer: customer.id,
        ...(contact ? { contact: contact.id } : {}),
        ...(opportunity ? { opportunity } : {}),
        occurred_at: atLocal(day, hour).toISOString(),
        ...(high > 0 ? { duration_minutes: random.int(low, high) } : {}),
        ...(kind === "visit" || kind === "meeting"
          ? {
              location:
                kind === "meeting" && random.chance(0.3)
                  ? "Huajing showroom, Suzhou"
                  : customer.address || customer.name,
            }
          : {}),
        notes: random.pick(activityNotes),
        ...(kind === "note"
          ? {}
          : { outcome: random.weighted({ positive: 40, follow_up: 40, no_response: 12, negative: 8 }) }),
      },
    });
  }
  return items;
}
