// The records of the seeded org, written through the records service as
// their owners (the system actor where only it may set the owner), with
// values that exercise the CRM's permission conditions and field rules.
import type { Actor, RecordService } from "../../engine/src/records/service.ts";
import type { RecordData } from "../../engine/src/records/values.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import type { FixtureUser } from "./org-fixture.ts";
import { seedRep } from "./seed-rep.ts";

/** What was seeded, by entity, as the records service answered the creates. */
export interface SeededRecords {
  byEntity: Map<string, RecordData[]>;
}

/** Every seeded title contains this, so that one search finds every seeded record. */
export const seedToken = "Seed";

/** What seeding code shares: creating as someone, patching process-owned fields, finding people and records. */
export interface Seeder {
  records: RecordService;
  system: Actor;
  actor(username: string): Actor;
  idOf(username: string): string;
  /** Creates a record as `as` through the records service, and notes it. */
  make(as: Actor, entity: string, input: RecordData): Promise<RecordData>;
  /** Sets a field no role may write (a stage, a status, a dispatched owner) as the process engine would: with SQL. */
  patch(entity: string, id: unknown, field: string, value: string): Promise<unknown>;
  /** A customer of `owner` with revenue, tax id and notes (fields hidden from service agents). */
  customer(owner: string, label: string, extra?: RecordData): Promise<RecordData>;
  /** An activity of `owner` on a customer. */
  call(owner: string, customerId: unknown, kind?: string): Promise<RecordData>;
  /** Each owner's first customer. */
  customerOf: Map<string, RecordData>;
  /** The active product quote lines use. */
  product: RecordData;
}

const reps = ["north", "south"].flatMap((team) => [1, 2, 3].map((n) => `rep.${team}${n}`));

function seederOf(storage: Storage, records: RecordService, system: Actor, users: Map<string, FixtureUser>) {
  const byEntity = new Map<string, RecordData[]>();
  const { sql } = storage;
  const seeder: Omit<Seeder, "product"> = {
    records,
    system,
    actor: (username) => users.get(username)!.actor,
    idOf: (username) => users.get(username)!.id,
    async make(as, entity, input) {
      const record = await records.create(as, entity, input);
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), record]);
      return record;
    },
    patch: (entity, id, field, value) =>
      sql`update ${sql("ws_acme")}.${sql(entity)} set ${sql(field)} = ${value} where id = ${String(id)}`,
    async customer(owner, label, extra = {}) {
      const created = await seeder.make(seeder.actor(owner), "customer", {
        name: `${owner} ${seedToken} ${label}`,
        customer_no: `SEED-${owner}-${label}`,
        industry: "machinery",
        region: owner.includes("south") ? "south" : "north",
        annual_revenue: 2_500_000,
        tax_id: `TAX-${owner}-${label}`,
        notes: `sales notes of ${owner}`,
        ...extra,
      });
      if (!seeder.customerOf.has(owner)) seeder.customerOf.set(owner, created);
      return created;
    },
    call: (owner, customerId, kind = "call") =>
      seeder.make(seeder.actor(owner), "activity", {
        subject: `${owner} ${seedToken} ${kind}`,
        kind,
        customer: customerId,
        occurred_at: "2026-05-04T09:30:00Z",
        notes: "talked about the press line",
      }),
    customerOf: new Map(),
  };
  return { seeder, byEntity };
}

/** The executive's catalogue: campaigns, an active and an inactive product, each rep's sales plan. */
async function seedCatalogue(seeder: Omit<Seeder, "product">): Promise<RecordData> {
  const exec = seeder.actor("exec");
  for (const name of ["Seed Expo", "Seed Webinar"])
    await seeder.make(exec, "campaign", { name, channel: "trade_show", start_date: "2026-03-01", budget: 50000 });
  const product = await seeder.make(exec, "product", {
    name: "Seed press",
    code: "SEED-P1",
    category: "metal_forming",
    list_price: 1200,
  });
  await seeder.make(exec, "product", {
    name: "Seed old lathe",
    code: "SEED-P2",
    category: "cnc_machines",
    list_price: 900,
    active: false,
  });
  for (const rep of reps) {
    await seeder.make(exec, "sales_plan", {
      name: `Seed plan ${rep}`,
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      employee: seeder.idOf(rep),
      target: 1_000_000,
    });
  }
  return product;
}

/** The executive's own key account, outside every sales subtree: a lead, a deal, a quote, a contract. */
async function seedKeyAccount(seeder: Seeder): Promise<void> {
  const exec = seeder.actor("exec");
  const key = seeder.customerOf.get("exec")!;
  await seeder.make(exec, "lead", {
    name: `exec ${seedToken} lead`,
    company_name: "Hyosung",
    contact_name: "Choi",
    source: "partner",
    region: "north",
  });
  const deal = await seeder.make(exec, "opportunity", {
    name: `exec ${seedToken} deal`,
    customer: key.id,
    amount: 2_000_000,
    expected_close: "2026-12-31",
  });
  await seeder.make(exec, "quote", {
    number: `SEED-exec-Q1`,
    name: "Plant",
    opportunity: deal.id,
    customer: key.id,
    subtotal: 2_000_000,
    valid_until: "2026-11-30",
  });
  await seeder.make(exec, "contract", {
    number: `SEED-exec-K1`,
    name: "Plant",
    customer: key.id,
    value: 2_000_000,
    start_date: "2027-01-01",
    end_date: "2029-12-31",
  });
}

/**
 * The service side: requests and complaints the first rep of each team
 * logged, since dispatched to the agent (owner: agent, created by the rep);
 * and the agent's own contact, request, complaint, call and task.
 */
async function seedService(seeder: Seeder): Promise<void> {
  for (const rep of ["rep.north1", "rep.south1"]) {
    const customer = seeder.customerOf.get(rep)!.id;
    const request = await seeder.make(seeder.actor(rep), "service_request", {
      subject: `${rep} ${seedToken} dispatched request`,
      customer,
      category: "maintenance",
      description: "yearly service",
    });
    const complaint = await seeder.make(seeder.actor(rep), "complaint", {
      subject: `${rep} ${seedToken} dispatched complaint`,
      customer,
      category: "service",
      description: "rude technician",
    });
    await seeder.patch("service_request", request.id, "owner", seeder.idOf("agent"));
    await seeder.patch("complaint", complaint.id, "owner", seeder.idOf("agent"));
  }
  const agent = seeder.actor("agent");
  const customer = seeder.customerOf.get("rep.north1")!.id;
  await seeder.make(agent, "contact", { name: `agent ${seedToken} contact`, customer, phone: "+86 21 5555 0101" });
  await seeder.make(agent, "service_request", {
    subject: `agent ${seedToken} request`,
    customer,
    category: "inquiry",
    description: "manual",
  });
  await seeder.make(agent, "complaint", {
    subject: `agent ${seedToken} complaint`,
    customer,
    category: "billing",
    description: "double invoice",
  });
  await seeder.make(agent, "activity", {
    subject: `agent ${seedToken} call`,
    kind: "call",
    occurred_at: "2026-05-05T01:00:00Z",
  });
  await seeder.make(agent, "schedule_item", { title: `agent ${seedToken} task`, starts_at: "2026-06-02T01:00:00Z" });
}

/**
 * Seeds "acme": the executive's catalogue (campaigns, products, sales
 * plans); a customer and a call for each manager, the director and the
 * executive, and the executive's key account; each rep's records
 * (seed-rep.ts); the service side (seedService). Owners seed in parallel:
 * their records are independent of one another.
 *
 * @example
 * const seeded = await seedRecords(storage, records, system, users);
 * seeded.byEntity.get("customer")!.length; // 16
 */
export async function seedRecords(
  storage: Storage,
  records: RecordService,
  system: Actor,
  users: Map<string, FixtureUser>,
): Promise<SeededRecords> {
  const { seeder: base, byEntity } = seederOf(storage, records, system, users);
  const seeder: Seeder = Object.assign(base, { product: await seedCatalogue(base) });
  await Promise.all(
    ["exec", "director", "mgr.north", "mgr.south"].map(async (boss) => {
      const owned = await seeder.customer(boss, "Alpha", { status: "active" });
      await seeder.call(boss, owned.id);
    }),
  );
  await seedKeyAccount(seeder);
  await Promise.all(reps.map((rep) => seedRep(seeder, rep)));
  await seedService(seeder);
  return { byEntity };
}
