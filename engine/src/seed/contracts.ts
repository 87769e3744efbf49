import type { DecisionResult } from "../runtime/tasks.ts";
import { addDays, atLocal, daysAfter, hoursAfter, inOfficeHours, localDate, workingDays } from "./calendar.ts";
import { buyingCustomer } from "./customers.ts";
import { planDecision } from "./decisions.ts";
import { createPaymentPlan } from "./payments.ts";
import { create, current, fire, managerOf, nextNumber, ownerOf, person, type World } from "./world.ts";

/** How approvers decide on contracts, in percent. */
const contractOdds = { reject: 6, return: 4 };

/** What a contract is about: a customer, and the quote and opportunity it comes from (none for earlier deals). */
export interface ContractFor {
  customer: string;
  quote?: string;
  opportunity?: string;
}

/**
 * Contracts for deals won before the story began, entered in its first
 * working days and taken through approval like any other.
 *
 * @example
 * planEarlierContracts(world, 20);
 */
export function planEarlierContracts(world: World, count: number): void {
  const days = workingDays(localDate(world.start), localDate(daysAfter(world.start, 10)));
  for (let i = 0; i < count; i++)
    world.agenda.at(atLocal(world.random.pick(days), world.random.float(9, 17.5)), "contract.create", () =>
      startContract(world, { customer: buyingCustomer(world).id }),
    );
}

/**
 * A rep drafts the contract of a won deal (its value is the quote's total)
 * and submits it a few hours later: the director, the VP above CNY 5
 * million and finance approve it (decisions planned), then the rep has it
 * signed, finance sets up its payment plan and the manager activates it on
 * its start date. A rejected contract is revised and submitted again.
 *
 * @example
 * await startContract(world, { customer, quote, opportunity });
 */
export async function startContract(
  world: World,
  what: ContractFor,
  options: { decide?: boolean } = {},
): Promise<string> {
  const { random } = world;
  const rep = ownerOf(world, what.opportunity ?? what.customer);
  const quote = what.quote ? await current(world, "quote", what.quote) : undefined;
  const today = localDate(world.clock.now());
  const kind = quote
    ? random.weighted({ equipment_sale: 90, framework: 10 })
    : random.weighted({ equipment_sale: 60, service_agreement: 40 });
  const value = quote ? Math.round(Number(quote.total)) : random.int(6, 160) * 25_000;
  const start = addDays(today, random.int(10, 40));
  const number = `HT-${today.slice(0, 4)}-${String(nextNumber(world, "contract")).padStart(4, "0")}`;
  const customer = world.customerById.get(what.customer);
  const contract = await create(world, rep, "contract", {
    number,
    name:
      kind === "service_agreement" ? `Service agreement ${number}` : `Supply of ${String(quote?.name ?? "equipment")}`,
    contract_type: kind,
    customer: what.customer,
    ...(what.quote ? { quote: what.quote } : {}),
    value,
    start_date: start,
    end_date: addDays(start, kind === "service_agreement" ? 730 : 365),
    payment_terms:
      kind === "service_agreement" ? "Quarterly in advance" : "30% advance, 60% on delivery, 10% after acceptance",
    ...(customer?.contacts[0] ? { customer_signatory: customer.contacts[0].name } : {}),
  });
  const id = String(contract.id);
  world.agenda.at(inOfficeHours(hoursAfter(world.clock.now(), random.float(1, 5))), "contract.submit", () =>
    submit(world, id, options.decide !== false),
  );
  return id;
}

async function submit(world: World, id: string, decide = true): Promise<void> {
  await fire(world, ownerOf(world, id), "contract", id, "submit");
  if (decide) planDecision(world, "contract", id, contractOdds, (result) => settled(world, id, result));
}

function settled(world: World, id: string, result: DecisionResult): void {
  const { random } = world;
  const soon = (days: number) => inOfficeHours(daysAfter(world.clock.now(), days), random.int(0, 120));
  if (result.state === "approved") world.agenda.at(soon(random.float(1, 6)), "contract.sign", () => sign(world, id));
  else if (result.state === "rejected")
    world.agenda.at(soon(random.float(1, 2)), "contract.revise", async () => {
      const rep = ownerOf(world, id);
      await fire(world, rep, "contract", id, "revise");
      const contract = await current(world, "contract", id);
      await world.records.update(
        rep,
        "contract",
        id,
        { payment_terms: "30% advance, 60% before shipment, 10% after acceptance" },
        Number(contract.version),
      );
      await submit(world, id);
    });
  else if (result.state === "draft")
    world.agenda.at(soon(random.float(0.5, 2)), "contract.submit", () => submit(world, id));
}

async function sign(world: World, id: string): Promise<void> {
  const { random } = world;
  const rep = ownerOf(world, id);
  const before = await current(world, "contract", id);
  const signed = await fire(world, rep, "contract", id, "sign", {
    signed_on: localDate(world.clock.now()),
    ...(before.customer_signatory ? { signatory: String(before.customer_signatory) } : {}),
  });
  const contract = signed.record;
  world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), random.float(0.5, 3))), "payment_plan.create", () =>
    createPaymentPlan(world, contract),
  );
  const start = String(contract.start_date);
  world.agenda.at(inOfficeHours(atLocal(start, random.float(9.5, 16))), "contract.activate", async () => {
    const manager = managerOf(world.usernames.get(ownerOf(world, id).id)!);
    await fire(world, person(world, manager!), "contract", id, "activate");
  });
}
