import { addDays, atLocal, daysAfter, hoursAfter, inOfficeHours, localDate, workingDays } from "./calendar.ts";
import { productLineWeights } from "./catalog.ts";
import { startContract } from "./contracts.ts";
import { acceptQuote, draftQuote, dropQuote, quoteSent } from "./quotes.ts";
import { buyingCustomer } from "./customers.ts";
import { competitors, lostReasons } from "./texts.ts";
import { create, current, type Customer, fire, ownerOf, type World } from "./world.ts";

const stages = ["prospecting", "qualification", "needs_analysis", "proposal", "negotiation"] as const;
type Stage = (typeof stages)[number];
const eventInto: Record<Exclude<Stage, "prospecting">, string> = {
  qualification: "qualify",
  needs_analysis: "analyze_needs",
  proposal: "propose",
  negotiation: "negotiate",
};

const lineLabels: Record<string, string> = {
  cnc_machines: "Machining centres",
  metal_forming: "Press line",
  robotics: "Robot cells",
  material_handling: "Intralogistics",
  compressors: "Compressed air system",
  spare_parts: "Spare parts framework",
  services: "Service agreement",
};

/** An opportunity as the story moves it: where it is, where it will end, its quote. */
interface Deal {
  id: string;
  customer: string;
  productLines: string[];
  stage: Stage;
  target: Stage | "won" | "lost";
  lostAt?: Stage;
  quote?: string;
}

/**
 * Plans new opportunities of existing customers: `burst` a day in the first
 * two weeks (the pipeline at go-live), then about `perDay`, each created by
 * the customer's rep and moved along the pipeline at its own pace.
 *
 * @example
 * planOpportunities(world, { perDay: 1.6, burst: 5 });
 */
export function planOpportunities(world: World, options: { perDay: number; burst: number }): void {
  const { random } = world;
  const days = workingDays(localDate(world.start), localDate(world.end));
  for (const [index, day] of days.entries()) {
    const mean = index < 10 ? options.burst : options.perDay;
    const n = random.int(0, Math.round(mean * 2));
    for (let i = 0; i < n; i++)
      world.agenda.at(atLocal(day, random.float(9, 17.5)), "opportunity.create", () => openOpportunity(world));
  }
}

/** A rep opens an opportunity for one of their customers; its story starts. */
async function openOpportunity(world: World, options: { customer?: Customer; target?: Deal["target"] } = {}) {
  const { random } = world;
  const customer = options.customer ?? buyingCustomer(world);
  const line = random.weighted(productLineWeights);
  const today = localDate(world.clock.now());
  const opportunity = await create(world, ownerOf(world, customer.id), "opportunity", {
    name: `${lineLabels[line]} for ${customer.name}`.slice(0, 200),
    customer: customer.id,
    ...(customer.contacts[0] ? { primary_contact: customer.contacts[0].id } : {}),
    amount: random.int(4, 120) * 50_000,
    expected_close: addDays(today, random.int(30, 150)),
    product_lines: [line],
    source: random.weighted({ existing_customer: 60, referral: 15, tender: 15, other: 10 }),
    next_step: "Qualify budget and timeline",
  });
  const id = String(opportunity.id);
  startOpportunity(world, id, customer.id, hoursAfter(world.clock.now(), 2), { productLines: [line], ...options });
  return id;
}

/**
 * Starts the story of an opportunity now in prospecting: where it will end
 * (won, lost at some stage, or still open at a stage) and its first step.
 *
 * @example
 * startOpportunity(world, id, customerId, new Date(), { target: "won" });
 */
export function startOpportunity(
  world: World,
  id: string,
  customer: string,
  when: Date,
  options: { productLines?: string[]; target?: Deal["target"] } = {},
): void {
  const { random } = world;
  const target =
    options.target ??
    random.weighted<Deal["target"]>({
      won: 26,
      lost: 18,
      prospecting: 6,
      qualification: 9,
      needs_analysis: 12,
      proposal: 13,
      negotiation: 16,
    });
  const lostAt =
    target === "lost"
      ? random.weighted<Stage>({ qualification: 2, needs_analysis: 3, proposal: 3, negotiation: 4, prospecting: 1 })
      : undefined;
  const deal: Deal = { id, customer, productLines: options.productLines ?? [], stage: "prospecting", target, lostAt };
  world.customerById.get(customer)?.opportunities.add(id);
  world.agenda.at(inOfficeHours(when, random.int(0, 60)), "opportunity.advance", () => advance(world, deal));
}

function later(world: World, deal: Deal, minDays: number, maxDays: number): void {
  const when = inOfficeHours(
    daysAfter(world.clock.now(), world.random.float(minDays, maxDays)),
    world.random.int(0, 240),
  );
  world.agenda.at(when, "opportunity.advance", () => advance(world, deal));
}

async function advance(world: World, deal: Deal): Promise<void> {
  const { random } = world;
  const rep = ownerOf(world, deal.id);
  if (deal.productLines.length === 0) {
    deal.productLines = [random.weighted(productLineWeights)];
    const before = await current(world, "opportunity", deal.id);
    await world.records.update(
      rep,
      "opportunity",
      deal.id,
      { product_lines: deal.productLines },
      Number(before.version),
    );
  }
  if (deal.lostAt === deal.stage) return lose(world, deal);
  if (deal.stage === "negotiation" && deal.target === "won") return win(world, deal);
  if (deal.stage === deal.target) return;
  if (deal.stage === "proposal" && deal.quote && random.chance(0.04)) {
    await fire(world, rep, "opportunity", deal.id, "move_back");
    deal.stage = "needs_analysis";
    return later(world, deal, 3, 10);
  }
  const next = stages[stages.indexOf(deal.stage) + 1]!;
  if (next === "negotiation") {
    if (!deal.quote || !(await quoteSent(world, deal.quote))) return later(world, deal, 1, 3);
    const quote = await current(world, "quote", deal.quote);
    const before = await current(world, "opportunity", deal.id);
    await world.records.update(
      rep,
      "opportunity",
      deal.id,
      { amount: Math.round(Number(quote.total)), next_step: "Negotiate price and delivery date" },
      Number(before.version),
    );
  }
  await fire(world, rep, "opportunity", deal.id, eventInto[next as Exclude<Stage, "prospecting">]);
  deal.stage = next;
  if (next === "proposal" && !deal.quote) {
    const when = inOfficeHours(hoursAfter(world.clock.now(), random.float(2, 30)), random.int(0, 60));
    world.agenda.at(when, "quote.create", async () => {
      deal.quote = await draftQuote(world, {
        opportunity: deal.id,
        customer: deal.customer,
        productLines: deal.productLines,
      });
    });
  }
  later(world, deal, 2, 9);
}

async function win(world: World, deal: Deal): Promise<void> {
  const rep = ownerOf(world, deal.id);
  if (deal.quote) await acceptQuote(world, deal.quote);
  await fire(world, rep, "opportunity", deal.id, "win");
  const customer = world.customerById.get(deal.customer);
  customer?.opportunities.delete(deal.id);
  if (customer && customer.status !== "active") {
    const before = await current(world, "customer", deal.customer);
    await world.records.update(rep, "customer", deal.customer, { status: "active" }, Number(before.version));
    customer.status = "active";
  }
  const when = inOfficeHours(daysAfter(world.clock.now(), world.random.float(1, 4)), world.random.int(0, 120));
  world.agenda.at(when, "contract.create", () =>
    startContract(world, { customer: deal.customer, quote: deal.quote, opportunity: deal.id }),
  );
}

async function lose(world: World, deal: Deal): Promise<void> {
  const { random } = world;
  const reason = random.pick(lostReasons);
  if (deal.quote) await dropQuote(world, deal.quote, reason);
  const competitor = random.chance(0.7) ? { competitor: random.pick(competitors) } : {};
  await fire(world, ownerOf(world, deal.id), "opportunity", deal.id, "lose", { reason, ...competitor });
  world.customerById.get(deal.customer)?.opportunities.delete(deal.id);
}
