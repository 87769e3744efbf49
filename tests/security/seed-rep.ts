// The records of one sales rep of the seeded org.
import { type Seeder, seedToken } from "./seed-records.ts";

/** The team of a rep: "north" or "south". */
export const teamOf = (rep: string) => (rep.startsWith("rep.north") ? "north" : "south");
/** The next rep of the same team (a deal-team colleague). */
export const colleagueOf = (rep: string) => `rep.${teamOf(rep)}${(Number(rep.at(-1)) % 3) + 1}`;
/** The rep at the same place in the other team. */
export const counterpartOf = (rep: string) => `rep.${teamOf(rep) === "north" ? "south" : "north"}${rep.at(-1)}`;

/**
 * Seeds one rep's records, as the rep (the system actor for payment plans and
 * payments, which only finance creates): an active and a prospect customer
 * with revenue, tax id and notes (hidden from service agents), a contact each
 * (influence is hidden from agents), a new and a converted lead, an open
 * opportunity with their colleague on the deal team and a won one, a draft
 * and an approved quote with a line, a draft and an active contract with a
 * payment plan and a payment, a call (annotated by their manager) and a
 * system activity, a visit assigned to their counterpart in the other team,
 * a service request and a complaint.
 *
 * @example
 * await seedRep(seeder, "rep.north1");
 */
export async function seedRep(seeder: Seeder, rep: string): Promise<void> {
  const me = seeder.actor(rep);
  const alpha = await seeder.customer(rep, "Alpha", { status: "active" });
  const beta = await seeder.customer(rep, "Beta", { annual_revenue: 800_000 });
  await seeder.records.update(me, "customer", String(alpha.id), { annual_revenue: 3_000_000 }, 1);
  for (const c of [alpha, beta]) {
    await seeder.make(me, "contact", {
      name: `${rep} ${seedToken} contact of ${String(c.name)}`,
      customer: c.id,
      influence: "decision_maker",
      email: `${rep}@example.com`,
    });
  }
  await seeder.make(me, "lead", {
    name: `${rep} ${seedToken} lead new`,
    company_name: "Daewoo",
    contact_name: "Park",
    source: "website",
    region: "east",
    estimated_amount: 90000,
  });
  const converted = await seeder.make(me, "lead", {
    name: `${rep} ${seedToken} lead converted`,
    company_name: "Kumho",
    contact_name: "Lee",
    source: "referral",
    region: "east",
  });
  await seeder.patch("lead", converted.id, "stage", "converted");
  const open = await seeder.make(me, "opportunity", {
    name: `${rep} ${seedToken} deal open`,
    customer: alpha.id,
    amount: 400000,
    expected_close: "2026-09-30",
    team: [seeder.idOf(colleagueOf(rep))],
  });
  const won = await seeder.make(me, "opportunity", {
    name: `${rep} ${seedToken} deal won`,
    customer: beta.id,
    amount: 150000,
    expected_close: "2026-04-30",
  });
  await seeder.patch("opportunity", won.id, "stage", "won");
  const quote = await seeder.make(me, "quote", {
    number: `SEED-${rep}-Q1`,
    name: "Press line",
    opportunity: open.id,
    customer: alpha.id,
    subtotal: 380000,
    discount: 5,
    valid_until: "2026-08-31",
  });
  const approved = await seeder.make(me, "quote", {
    number: `SEED-${rep}-Q2`,
    name: "Spare parts",
    opportunity: open.id,
    customer: alpha.id,
    subtotal: 20000,
    valid_until: "2026-08-31",
  });
  await seeder.patch("quote", approved.id, "status", "approved");
  await seeder.make(me, "quote_line", {
    quote: quote.id,
    product: seeder.product.id,
    description: `${rep} ${seedToken} line`,
    quantity: 2,
    unit_price: 190000,
  });
  await seeder.make(me, "contract", {
    number: `SEED-${rep}-K1`,
    name: "Draft deal",
    customer: alpha.id,
    value: 380000,
    start_date: "2026-07-01",
    end_date: "2027-06-30",
  });
  const active = await seeder.make(me, "contract", {
    number: `SEED-${rep}-K2`,
    name: "Service deal",
    customer: beta.id,
    contract_type: "service_agreement",
    value: 60000,
    start_date: "2026-01-01",
    end_date: "2026-12-31",
  });
  await seeder.patch("contract", active.id, "status", "active");
  const plan = await seeder.make(seeder.system, "payment_plan", {
    owner: seeder.idOf(rep),
    name: `${rep} ${seedToken} plan`,
    contract: active.id,
    customer: beta.id,
    total: 60000,
    first_due_date: "2026-02-01",
  });
  await seeder.make(seeder.system, "payment", {
    owner: seeder.idOf(rep),
    name: `${rep} ${seedToken} installment`,
    payment_plan: plan.id,
    contract: active.id,
    customer: beta.id,
    installment_no: 1,
    due_date: "2026-02-01",
    amount: 20000,
  });
  const logged = await seeder.call(rep, alpha.id);
  await seeder.records.update(
    seeder.actor(`mgr.${teamOf(rep)}`),
    "activity",
    String(logged.id),
    { manager_annotation: `ask ${rep} for the decision date` },
    1,
  );
  await seeder.call(rep, alpha.id, "system");
  await seeder.make(me, "schedule_item", {
    title: `${rep} ${seedToken} visit`,
    starts_at: "2026-06-01T02:00:00Z",
    assignee: seeder.idOf(counterpartOf(rep)),
    customer: alpha.id,
  });
  await seeder.make(me, "service_request", {
    subject: `${rep} ${seedToken} request`,
    customer: alpha.id,
    category: "repair",
    description: "spindle noise",
  });
  await seeder.make(me, "complaint", {
    subject: `${rep} ${seedToken} complaint`,
    customer: alpha.id,
    category: "delivery",
    description: "late delivery",
  });
}
