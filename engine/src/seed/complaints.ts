import type { Actor } from "../records/service.ts";
import { atLocal, daysAfter, hoursAfter, inOfficeHours, localDate, workingDays } from "./calendar.ts";
import { complaintResolutions, complaintTexts } from "./texts.ts";
import { create, current, fire, holdersOf, ownerOf, person, type World } from "./world.ts";

/**
 * How a complaint is taken up: promptly; only after the process escalated
 * it to the supervisor (24 hours) or to the director (72 hours); escalated
 * by its agent; withdrawn; or (the last days' ones) not yet.
 */
export type ComplaintPace =
  "prompt" | "after_supervisor" | "after_director" | "escalated_by_agent" | "withdrawn" | "untouched";

const categoryWeights = { product_quality: 30, delivery: 22, service: 22, billing: 12, staff_conduct: 6, other: 8 };

/**
 * Plans the complaints of the story: on some working days one or two,
 * logged by a service agent or by the customer's rep; the process assigns
 * each to the least loaded agent and escalates it when nobody takes it up.
 *
 * @example
 * planComplaints(world, 0.6);
 */
export function planComplaints(world: World, perDay: number): void {
  const { random } = world;
  for (const day of workingDays(localDate(world.start), localDate(world.end))) {
    const n = random.chance(perDay) ? random.int(1, 2) : 0;
    for (let i = 0; i < n; i++)
      world.agenda.at(atLocal(day, random.float(8, 19)), "complaint.create", () => openComplaint(world));
  }
}

/**
 * Someone logs a complaint now; its story follows at `pace` (chosen at random when not given).
 *
 * @example
 * await openComplaint(world, "untouched"); // escalates at 24 and 72 hours
 */
export async function openComplaint(world: World, pace?: ComplaintPace): Promise<string> {
  const { random } = world;
  const customer = random.pick(world.customers.filter((c) => c.status === "active"));
  const category = random.weighted(categoryWeights);
  const [subject, description] = random.pick(complaintTexts[category]!);
  const byRep = random.chance(0.3);
  const author: Actor = byRep
    ? ownerOf(world, customer.id)
    : person(world, random.pick(holdersOf(world, "service_agent")));
  const complaint = await create(world, author, "complaint", {
    subject,
    customer: customer.id,
    ...(customer.contacts[0] ? { contact: customer.contacts[0].id } : {}),
    severity: random.weighted({ critical: 15, major: 55, minor: 30 }),
    category,
    ...(category === "product_quality" ? { product: random.pick(world.products).id } : {}),
    description,
  });
  const id = String(complaint.id);
  const chosen =
    pace ??
    random.weighted<ComplaintPace>({
      prompt: 72,
      after_supervisor: 12,
      after_director: 5,
      escalated_by_agent: 6,
      withdrawn: 5,
    });
  const hours = (h: number) => inOfficeHours(hoursAfter(world.clock.now(), h), random.int(0, 40));
  if (chosen === "untouched") return id;
  if (chosen === "withdrawn")
    world.agenda.at(hours(random.float(4, 40)), "complaint.withdraw", () =>
      fire(world, person(world, "supervisor"), "complaint", id, "withdraw", {
        reason: "The customer settled it directly with their sales rep.",
      }),
    );
  else if (chosen === "escalated_by_agent")
    world.agenda.at(hours(random.float(1, 6)), "complaint.escalate", async () => {
      await fire(world, ownerOf(world, id), "complaint", id, "escalate", {
        reason: "Needs a decision on a goodwill credit.",
      });
      world.agenda.at(hours(random.float(8, 30)), "complaint.start_handling", () => handle(world, id));
    });
  else {
    const start = {
      prompt: random.float(0.5, 20),
      after_supervisor: random.float(26, 60),
      after_director: random.float(74, 110),
    }[chosen];
    // Escalation counts hours on the clock, so the late ones are taken up at any hour.
    const when = chosen === "prompt" ? hours(start) : hoursAfter(world.clock.now(), start);
    world.agenda.at(when, "complaint.start_handling", () => handle(world, id));
  }
  return id;
}

async function handle(world: World, id: string): Promise<void> {
  const { random } = world;
  await fire(world, ownerOf(world, id), "complaint", id, "start_handling");
  world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), random.float(0.5, 5))), "complaint.resolve", () =>
    resolve(world, id),
  );
}

async function resolve(world: World, id: string): Promise<void> {
  const { random } = world;
  const agent = ownerOf(world, id);
  const before = await current(world, "complaint", id);
  if (!before.root_cause)
    await world.records.update(
      agent,
      "complaint",
      id,
      { root_cause: "Analysed with the product team; see the resolution." },
      Number(before.version),
    );
  await fire(world, agent, "complaint", id, "resolve", { resolution: random.pick(complaintResolutions) });
  world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), random.float(1, 5))), "complaint.confirm", async () => {
    const owner = ownerOf(world, id);
    if (random.chance(0.08)) {
      await fire(world, owner, "complaint", id, "reopen", {
        reason: "The customer is not satisfied with the credit note.",
      });
      world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), random.float(1, 3))), "complaint.resolve", () =>
        resolve(world, id),
      );
      return;
    }
    const complaint = await current(world, "complaint", id);
    await world.records.update(
      owner,
      "complaint",
      id,
      { customer_confirmed: true, confirmation_note: "Confirmed by phone with the customer." },
      Number(complaint.version),
    );
    await fire(world, owner, "complaint", id, "confirm_closure");
  });
}
