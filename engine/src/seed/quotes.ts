import { addDays, localDate } from "./calendar.ts";
import { planDecision } from "./decisions.ts";
import { create, current, fire, nextNumber, ownerOf, type Product, type World } from "./world.ts";

/** What a quote is for: an opportunity of a customer, about some product lines. */
export interface QuoteFor {
  opportunity: string;
  customer: string;
  productLines: string[];
}

/** How approvers decide on quotes, in percent. */
const quoteOdds = { reject: 9, return: 4 };

function lineItems(world: World, productLines: string[]) {
  const { random } = world;
  const machines = world.products.filter((p) => productLines.includes(p.category) && p.category !== "services");
  const main = random.pick(machines.length > 0 ? machines : world.products.filter((p) => p.category !== "services"));
  const items: Array<{ product: Product; quantity: number }> = [
    { product: main, quantity: main.price > 1_000_000 ? random.int(1, 2) : random.int(1, 5) },
  ];
  const install = world.products.find((p) => p.code === "SV-INSTALL")!;
  const training = world.products.find((p) => p.code === "SV-TRAIN-H")!;
  if (main.category !== "spare_parts" && random.chance(0.7))
    items.push({ product: install, quantity: items[0]!.quantity });
  if (random.chance(0.4)) items.push({ product: training, quantity: random.pick([16, 24, 40]) });
  return items.map((item, index) => ({
    ...item,
    position: index + 1,
    lineDiscount: index === 0 && random.chance(0.3) ? random.pick([2, 3, 5]) : 0,
  }));
}

/**
 * A rep's quote for an opportunity, with its lines, submitted at once: a
 * discount of 10% or less is approved by the process; a larger one waits for
 * the manager (then the director above 20%, the VP above 30%), whose
 * decisions are planned unless `decide` is false. Returns the quote's id.
 *
 * @example
 * const quote = await draftQuote(world, { opportunity, customer, productLines: ["robotics"] });
 */
export async function draftQuote(
  world: World,
  what: QuoteFor,
  options: { discount?: number; decide?: boolean } = {},
): Promise<string> {
  const { random } = world;
  const rep = ownerOf(world, what.opportunity);
  const customer = world.customerById.get(what.customer);
  const items = lineItems(world, what.productLines);
  const subtotal = items.reduce((sum, i) => sum + i.quantity * i.product.price * (1 - i.lineDiscount / 100), 0);
  const band = random.weighted({ small: 55, manager: 25, director: 13, vp: 7 });
  const discount =
    options.discount ??
    { small: random.int(0, 10), manager: random.int(11, 20), director: random.int(21, 30), vp: random.int(31, 38) }[
      band
    ];
  const today = localDate(world.clock.now());
  const international = customer?.region === "international";
  const quote = await create(world, rep, "quote", {
    number: `Q${today.slice(0, 7).replace("-", "")}-${String(nextNumber(world, "quote")).padStart(4, "0")}`,
    name: `${items[0]!.product.name} × ${items[0]!.quantity}`,
    opportunity: what.opportunity,
    customer: what.customer,
    ...(customer?.contacts[0] ? { contact: customer.contacts[0].id } : {}),
    subtotal: Math.round(subtotal * 100) / 100,
    discount,
    valid_until: addDays(today, 30),
    delivery_terms: international ? random.pick(["fca", "cif"]) : "dap",
    payment_terms: random.pick([
      "30% advance, 60% before shipment, 10% after acceptance",
      "30% advance, 70% within 30 days of delivery",
      "100% by letter of credit at sight",
    ]),
  });
  const id = String(quote.id);
  await world.records.batch(rep, async (batch) => {
    const results = await batch.write(
      "quote_line",
      items.map((item) => ({
        kind: "create" as const,
        input: {
          quote: id,
          position: item.position,
          product: item.product.id,
          description: item.product.name,
          quantity: item.quantity,
          unit_price: item.product.price,
          line_discount: item.lineDiscount,
        },
      })),
    );
    const refused = results.find((r) => r.status === "rejected");
    if (refused?.status === "rejected") throw refused.error;
  });
  const submitted = await fire(world, rep, "quote", id, "submit");
  if (submitted.state === "pending_approval" && options.decide !== false) planDecision(world, "quote", id, quoteOdds);
  return id;
}

/**
 * Gets a quote ready to negotiate on: an approved quote is sent; a rejected,
 * returned or expired one is revised within 10% and submitted again (and so
 * approved). True when the quote is with the customer now.
 *
 * @example
 * if (await quoteSent(world, quoteId)) await fire(world, rep, "opportunity", id, "negotiate");
 */
export async function quoteSent(world: World, id: string): Promise<boolean> {
  const rep = ownerOf(world, id);
  let quote = await current(world, "quote", id);
  if (quote.status === "pending_approval") return false;
  if (["rejected", "expired"].includes(String(quote.status))) {
    await fire(world, rep, "quote", id, "revise");
    quote = await current(world, "quote", id);
  }
  if (quote.status === "draft") {
    const discount = Math.min(Number(quote.discount), world.random.int(5, 10));
    await world.records.update(rep, "quote", id, { discount }, Number(quote.version));
    quote = (await fire(world, rep, "quote", id, "submit")).record;
  }
  if (quote.status === "approved") quote = (await fire(world, rep, "quote", id, "send")).record;
  return quote.status === "sent";
}

/**
 * The customer accepts a quote (sent again first if it had expired).
 *
 * @example
 * await acceptQuote(world, quoteId); // status "accepted"
 */
export async function acceptQuote(world: World, id: string): Promise<void> {
  if (await quoteSent(world, id)) await fire(world, ownerOf(world, id), "quote", id, "accept");
}

/**
 * The customer declines a quote that is with them; one still in the company is cancelled.
 *
 * @example
 * await dropQuote(world, quoteId, "Budget was cut");
 */
export async function dropQuote(world: World, id: string, reason: string): Promise<void> {
  const quote = await current(world, "quote", id);
  const rep = ownerOf(world, id);
  if (quote.status === "sent") return void (await fire(world, rep, "quote", id, "decline", { reason }));
  if (quote.status === "approved") await fire(world, rep, "quote", id, "revise");
  if (quote.status === "pending_approval") await fire(world, rep, "quote", id, "withdraw");
  if (["draft", "rejected", "expired", "approved", "pending_approval"].includes(String(quote.status)))
    await fire(world, rep, "quote", id, "cancel");
}
