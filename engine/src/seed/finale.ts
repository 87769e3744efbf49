import { addDays, atLocal, hoursAfter, isWeekend, localDate } from "./calendar.ts";
import { openComplaint } from "./complaints.ts";
import { pendingTasks } from "./decisions.ts";
import { createLead } from "./leads.ts";
import { draftQuote } from "./quotes.ts";
import { planWeek } from "./schedule.ts";
import { create, customersOwnedBy, fire, nextNumber, person, type World } from "./world.ts";

/** The last working day whose office hours are over before the story ends. */
function lastFullDay(end: Date): string {
  let day = localDate(end);
  while (isWeekend(day) || atLocal(day, 15.5) > end) day = addDays(day, -1);
  return day;
}

/** A customer of a rep, an active one if they have one. */
function activeCustomerOf(world: World, userId: string) {
  const customers = customersOwnedBy(world, userId);
  return customers.find((c) => c.status === "active") ?? customers[0];
}

/** The approver who waited longest on a record decides now. */
async function approveNext(world: World, entity: string, id: string): Promise<void> {
  const [task] = await pendingTasks(world, entity, id);
  if (task)
    await world.runtime.tasks.decide(person(world, task.approver), world.context, task.id, {
      decision: "approve",
      comment: "Approved: strategic account.",
    });
}

/**
 * A rep catches up on a deal: opens an opportunity with one of their
 * customers, takes it to the proposal stage and submits a quote with
 * `discount`; the first `approvals` approval levels approve it now.
 */
async function quoteWaiting(world: World, username: string, discount: number, approvals: number): Promise<void> {
  const rep = person(world, username);
  const customer = activeCustomerOf(world, rep.id);
  if (!customer) return;
  const opportunity = await create(world, rep, "opportunity", {
    name: `Robot cells for ${customer.name}`.slice(0, 200),
    customer: customer.id,
    amount: 1_800_000,
    expected_close: addDays(localDate(world.clock.now()), 45),
    product_lines: ["robotics"],
    source: "existing_customer",
    next_step: "Get the discount approved",
  });
  const id = String(opportunity.id);
  for (const event of ["qualify", "analyze_needs", "propose"]) await fire(world, rep, "opportunity", id, event);
  customer.opportunities.add(id);
  const quote = await draftQuote(
    world,
    { opportunity: id, customer: customer.id, productLines: ["robotics"] },
    { discount, decide: false },
  );
  for (let level = 0; level < approvals; level++) await approveNext(world, "quote", quote);
}

/** A rep submits a contract for a customer of theirs; the first `approvals` levels approve it now. */
async function contractWaiting(world: World, username: string, approvals: number): Promise<void> {
  const rep = person(world, username);
  const customer = activeCustomerOf(world, rep.id);
  if (!customer) return;
  const today = localDate(world.clock.now());
  const number = `HT-${today.slice(0, 4)}-${String(nextNumber(world, "contract")).padStart(4, "0")}`;
  const contract = await create(world, rep, "contract", {
    number,
    name: `Service agreement ${number}`,
    contract_type: "service_agreement",
    customer: customer.id,
    value: 480_000,
    start_date: addDays(today, 30),
    end_date: addDays(today, 760),
    payment_terms: "Quarterly in advance",
  });
  await fire(world, rep, "contract", String(contract.id), "submit");
  for (let level = 0; level < approvals; level++) await approveNext(world, "contract", String(contract.id));
}

/**
 * The story's last days, so that the demo opens on work in progress: quotes
 * waiting for the East China manager (and one each for the director and the
 * VP), contracts waiting for the director and for finance, complaints
 * escalated to the supervisor and to the director, one just opened, and new
 * leads.
 *
 * @example
 * planFinale(world);
 */
export function planFinale(world: World): void {
  const day = lastFullDay(world.end);
  const at = (hour: number, label: string, run: () => Promise<unknown>) =>
    world.agenda.at(atLocal(day, hour), label, run);
  at(9.3, "finale.contract", () => contractWaiting(world, "rep", 0));
  at(9.7, "finale.quote", () => quoteWaiting(world, "rep", 15, 0));
  at(10.2, "finale.quote", () => quoteWaiting(world, "wang.fang", 12, 0));
  at(10.9, "finale.quote", () => quoteWaiting(world, "xu.jing", 18, 0));
  at(11.4, "finale.quote", () => quoteWaiting(world, "rep", 24, 1));
  at(13.6, "finale.quote", () => quoteWaiting(world, "liu.qiang", 34, 2));
  at(14.2, "finale.contract", () => contractWaiting(world, "chen.xiaoyu", 1));
  at(14.8, "finale.lead", () => createLead(world, "new"));
  at(15.1, "finale.lead", () => createLead(world, "new"));
  at(15.3, "finale.schedule", () => planWeek(world, day, 3));
  world.agenda.at(hoursAfter(world.end, -82), "finale.complaint", () => openComplaint(world, "untouched"));
  world.agenda.at(hoursAfter(world.end, -31), "finale.complaint", () => openComplaint(world, "untouched"));
  world.agenda.at(hoursAfter(world.end, -2), "finale.complaint", () => openComplaint(world, "untouched"));
}
