import { atLocal, daysAfter, hoursAfter, inOfficeHours, localDate, workingDays } from "./calendar.ts";
import { companyProfile } from "./companies.ts";
import { addCustomer, regionWeights } from "./customers.ts";
import { personName } from "./names.ts";
import { startOpportunity } from "./opportunities.ts";
import { contactRoles } from "./texts.ts";
import { create, current, fire, ownerOf, person, type World } from "./world.ts";

/** Where a lead's story ends. */
type LeadFate = "new" | "contacted" | "nurturing" | "qualified" | "converted" | "disqualified";

const sourceWeights = {
  website: 30,
  trade_show: 18,
  referral: 14,
  campaign: 12,
  inbound_call: 10,
  partner: 8,
  cold_call: 5,
  other: 3,
};

const interests = [
  "New machining line",
  "Press line upgrade",
  "Welding automation",
  "Warehouse automation",
  "Compressed air renewal",
  "Robot cells for assembly",
  "Laser cutting capacity",
];

/**
 * Plans the leads of the story: a few each working day from `from` to the
 * end, from the website, campaigns, trade shows and referrals. Each is
 * assigned by the lead process to a rep of its region's team, contacted, and
 * then nurtured, qualified and converted, or disqualified, at its own pace;
 * the recent ones are still new or contacted when the story ends.
 *
 * @example
 * planLeads(world, world.start, 2);
 */
export function planLeads(world: World, from: Date, perDay: number): void {
  const { random } = world;
  for (const day of workingDays(localDate(from), localDate(world.end))) {
    const n = random.int(0, Math.round(perDay * 2));
    for (let i = 0; i < n; i++)
      world.agenda.at(atLocal(day, random.float(8.5, 17.5)), "lead.create", () => createLead(world));
  }
}

/**
 * Creates one lead now (as the system for web and campaign leads, as the VP
 * of sales for the others) and plans its story.
 *
 * @example
 * const id = await createLead(world, "new"); // assigned, never contacted
 */
export async function createLead(world: World, fate?: LeadFate): Promise<string> {
  const { random } = world;
  const region = random.weighted(regionWeights);
  const company = companyProfile(random, region, world.companyNames);
  const source = random.weighted(sourceWeights);
  const today = localDate(world.clock.now());
  const campaign = world.campaigns
    .filter((c) => c.start <= today && (source === "trade_show") === (c.channel === "trade_show"))
    .at(-1);
  const contact = personName(random, company.city.language);
  const interest = random.pick(interests).toLowerCase();
  const creator = ["website", "campaign", "inbound_call"].includes(source) ? world.system : person(world, "vp");
  const lead = await create(world, creator, "lead", {
    name: `${company.fields.name}: ${interest}`,
    company_name: company.fields.name,
    contact_name: contact.name,
    job_title: random.pick(contactRoles).title,
    email: `${contact.mailbox}@${company.domain}`,
    phone: company.fields.phone,
    source,
    ...(campaign && ["campaign", "trade_show"].includes(source) ? { campaign: campaign.id } : {}),
    industry: company.fields.industry,
    region,
    ...(random.chance(0.6) ? { estimated_amount: random.int(6, 120) * 25_000 } : {}),
    score: random.int(10, 90),
    description: `${contact.name} (${company.fields.city}) asked about ${interest}.`,
  });
  const id = String(lead.id);
  world.leadCompanies.set(id, company);
  const chosen =
    fate ??
    random.weighted<LeadFate>({
      converted: 30,
      disqualified: 22,
      nurturing: 14,
      contacted: 14,
      qualified: 9,
      new: 3,
    });
  if (chosen === "new") return id;
  if (chosen === "disqualified" && random.chance(0.3)) {
    at(world, random.float(1, 5), "lead.disqualify", () => disqualify(world, id));
    return id;
  }
  at(world, random.float(0.1, 3), "lead.contact", async () => {
    await fire(world, ownerOf(world, id), "lead", id, "contact");
    if (chosen === "contacted") return;
    if (chosen === "disqualified")
      return at(world, random.float(3, 20), "lead.disqualify", () => disqualify(world, id));
    if (chosen === "nurturing") return at(world, random.float(3, 15), "lead.nurture", () => nurture(world, id));
    at(world, random.float(2, 12), "lead.qualify", () => qualify(world, id, chosen === "converted"));
  });
  return id;
}

/** Plans work on a lead some (fractional) days from now, in office hours. */
function at(world: World, days: number, label: string, run: () => Promise<unknown>): void {
  world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), days), world.random.int(0, 90)), label, run);
}

async function disqualify(world: World, id: string) {
  const reason = world.random.weighted({
    no_budget: 25,
    no_need: 20,
    bought_elsewhere: 15,
    unreachable: 20,
    duplicate: 5,
    not_target: 15,
  });
  await fire(world, ownerOf(world, id), "lead", id, "disqualify", { reason });
}

async function nurture(world: World, id: string) {
  await fire(world, ownerOf(world, id), "lead", id, "nurture");
  if (world.random.chance(0.25))
    at(world, world.random.float(20, 45), "lead.reactivate", async () => {
      await fire(world, ownerOf(world, id), "lead", id, "reactivate");
      at(world, world.random.float(2, 10), "lead.qualify", () => qualify(world, id, world.random.chance(0.6)));
    });
}

async function qualify(world: World, id: string, convert: boolean) {
  const owner = ownerOf(world, id);
  const lead = await current(world, "lead", id);
  if (!(Number(lead.estimated_amount) > 0))
    await world.records.update(
      owner,
      "lead",
      id,
      { estimated_amount: world.random.int(8, 100) * 25_000 },
      Number(lead.version),
    );
  await fire(world, owner, "lead", id, "qualify");
  if (convert) at(world, world.random.float(2, 14), "lead.convert", () => convertLead(world, id));
}

/**
 * Converts a qualified lead: the process creates its customer, contact and
 * opportunity; the rep completes the new customer's address and size, and
 * the opportunity's story starts.
 */
async function convertLead(world: World, id: string) {
  const rep = ownerOf(world, id);
  const { record } = await fire(world, rep, "lead", id, "convert");
  const company = world.leadCompanies.get(id)!;
  const customerId = String(record.converted_customer);
  const created = await current(world, "customer", customerId);
  const { city, address, website, size, annual_revenue } = company.fields;
  await world.records.update(
    rep,
    "customer",
    customerId,
    { city, address, website, size, annual_revenue },
    Number(created.version),
  );
  addCustomer(
    world,
    {
      id: customerId,
      name: company.fields.name,
      region: company.fields.region,
      status: "prospect",
      segment: null,
      city: company.city,
      address,
      contacts: [{ id: String(record.converted_contact), name: String(record.contact_name) }],
      opportunities: new Set(),
    },
    rep.id,
  );
  const opportunity = String(record.converted_opportunity);
  world.owners.set(opportunity, rep.id);
  startOpportunity(world, opportunity, customerId, hoursAfter(world.clock.now(), 1));
}
