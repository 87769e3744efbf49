import { randomUUID } from "node:crypto";
import type { BatchItem } from "../records/batch-write.ts";
import { type CompanyProfile, companyProfile, phoneIn } from "./companies.ts";
import { personName } from "./names.ts";
import type { Region } from "./org-chart.ts";
import type { Random } from "./random.ts";
import { contactRoles } from "./texts.ts";
import { type Customer, repsOf, type World, person } from "./world.ts";

/** How customers spread over the regions. */
export const regionWeights: Record<Region, number> = {
  east: 30,
  north: 18,
  south: 18,
  central: 12,
  west: 10,
  international: 12,
};

/** The customer's value score (0–100) and segment, as the scoring would write them. */
function score(random: Random, revenue: number): { value_score: number; segment: string } {
  const scaled = 15 + ((Math.log10(revenue) - 6.3) / 4.3) * 70 + random.int(-12, 12);
  const value = Math.max(0, Math.min(100, Math.round(scaled)));
  return { value_score: value, segment: value >= 70 ? "a" : value >= 45 ? "b" : "c" };
}

/**
 * A contact of a customer, the first being its decision maker, with the
 * language they are written to in when the contact entity has a `locale`
 * field offering it.
 */
function contactInput(
  random: Random,
  company: CompanyProfile,
  index: number,
  customerId: string,
  locales: Set<string>,
) {
  const role = index === 0 ? contactRoles[0]! : random.pick(contactRoles.slice(1));
  const name = personName(random, company.city.language);
  return {
    name: name.name,
    customer: customerId,
    title: role.title,
    department: role.department,
    influence: role.influence,
    email: `${name.mailbox}@${company.domain}`,
    phone: phoneIn(random, company.city),
    mobile: phoneIn(random, company.city, true),
    preferred_channel: random.weighted({
      phone: 40,
      wechat: company.city.language === "zh" ? 35 : 0,
      email: 20,
      in_person: 5,
    }),
    ...(locales.has(company.city.language) ? { locale: company.city.language } : {}),
  };
}

/**
 * The customers Huajing had before Temper, with their contacts: imported on
 * the story's first day in one batch (as an import would, by the system,
 * each owned by a rep of its region's team, with the value score and segment
 * the scoring wrote), a few of them subsidiaries of others.
 *
 * @example
 * await importCustomers(world, 265); // world.customers has 265 more
 */
export async function importCustomers(world: World, count: number): Promise<void> {
  const { random } = world;
  const customers: BatchItem[] = [];
  const contacts: BatchItem[] = [];
  const made: Array<{ customer: Customer; owner: string }> = [];
  const locale = world.context.definition.entities.get("contact")?.fields.find((f) => f.name === "locale");
  const locales = new Set(locale?.type === "enum" ? locale.options.map((o) => o.value) : []);
  for (let i = 0; i < count; i++) {
    const region = random.weighted(regionWeights);
    const company = companyProfile(random, region, world.companyNames);
    const id = randomUUID();
    const parent = i > 20 && random.chance(0.04) ? made.find((m) => m.customer.region === region) : undefined;
    const name = parent ? branchName(parent.customer.name, company) : company.fields.name;
    const owner = person(world, parent ? world.usernames.get(parent.owner)! : random.pick(repsOf(world, region)));
    const status = random.weighted({ active: 62, prospect: 16, dormant: 14, lost: 8 });
    const scoring = score(random, company.fields.annual_revenue);
    customers.push({
      kind: "create",
      id,
      input: {
        ...company.fields,
        name,
        customer_no: `C${String(10_000 + i * 7).padStart(6, "0")}`,
        status,
        ...scoring,
        ...(parent ? { parent: parent.customer.id } : {}),
        owner: owner.id,
      },
    });
    const customer: Customer = {
      id,
      name,
      region,
      status,
      segment: scoring.segment,
      city: company.city,
      address: company.fields.address,
      contacts: [],
      opportunities: new Set(),
    };
    const people = random.weighted({ one: 35, two: 40, three: 25 });
    const n = people === "one" ? 1 : people === "two" ? 2 : 3;
    for (let c = 0; c < n; c++) {
      const contactId = randomUUID();
      const input = contactInput(random, company, c, id, locales);
      contacts.push({
        kind: "create",
        id: contactId,
        input: { ...input, ...(c > 0 ? { reports_to: customer.contacts[0]!.id } : {}), owner: owner.id },
      });
      customer.contacts.push({ id: contactId, name: input.name });
    }
    made.push({ customer, owner: owner.id });
  }
  await world.records.batch(
    world.system,
    async (batch) => {
      for (const [entity, items] of [
        ["customer", customers],
        ["contact", contacts],
      ] as const) {
        const refused = (await batch.write(entity, items)).find((r) => r.status === "rejected");
        if (refused?.status === "rejected") throw refused.error;
      }
    },
    { via: "seed", process: true },
  );
  for (const { customer, owner } of made) addCustomer(world, customer, owner);
}

/**
 * Remembers a customer and its owner.
 *
 * @example
 * addCustomer(world, customer, rep.id);
 */
export function addCustomer(world: World, customer: Customer, owner: string): void {
  world.customers.push(customer);
  world.customerById.set(customer.id, customer);
  world.owners.set(customer.id, owner);
  for (const contact of customer.contacts) world.owners.set(contact.id, owner);
}

function branchName(parentName: string, company: CompanyProfile): string {
  if (company.city.language === "zh") return `${parentName}${company.city.name}分公司`;
  return `${parentName} (${company.city.name} branch)`;
}

/**
 * A customer that buys: mostly active ones, some prospects.
 *
 * @example
 * const customer = buyingCustomer(world); // an active customer, four times in five
 */
export function buyingCustomer(world: World): Customer {
  const { random } = world;
  const status = random.chance(0.8) ? "active" : "prospect";
  const pool = world.customers.filter((c) => c.status === status);
  return random.pick(pool.length > 0 ? pool : world.customers);
}
