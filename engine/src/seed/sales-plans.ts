import type { BatchItem } from "../records/batch-write.ts";
import {
  addMonths,
  atLocal,
  inOfficeHours,
  localDate,
  monthEnd,
  monthStart,
  quarterEnd,
  quarterStart,
} from "./calendar.ts";
import { demoPeople, demoUnits } from "./org-chart.ts";
import { person, type World } from "./world.ts";

/** A month's target of a rep of each team, in CNY (overseas reps sell less per month). */
const monthlyTarget = (unit: string) => (unit === "international_sales" ? 1_200_000 : 2_000_000);

/**
 * Plans the sales plans: at the start of each month of the story each sales
 * manager sets the month's target of each of their reps; at the start of
 * each quarter the VP of sales sets the quarter's targets of each team, of
 * the main products and of the key customers.
 *
 * @example
 * planSalesPlans(world);
 */
export function planSalesPlans(world: World): void {
  const first = localDate(world.start);
  for (let month = monthStart(first); month <= localDate(world.end); month = addMonths(month, 1)) {
    const when = month < first ? world.start : inOfficeHours(atLocal(month, 9.6));
    world.agenda.at(when, "sales_plan.month", () => monthPlans(world, month));
    if (month === quarterStart(month) || month < first)
      world.agenda.at(when, "sales_plan.quarter", () => quarterPlans(world, quarterStart(month)));
  }
}

async function monthPlans(world: World, month: string): Promise<void> {
  const { random } = world;
  for (const manager of demoPeople.filter((p) => p.roles.includes("sales_manager"))) {
    const reps = demoPeople.filter((p) => p.manager === manager.username && world.active.has(p.username));
    const items: BatchItem[] = reps.map((rep) => ({
      kind: "create",
      input: {
        name: `${rep.displayName}, ${month.slice(0, 7)}`,
        period_start: month,
        period_end: monthEnd(month),
        dimension: "employee",
        employee: person(world, rep.username).id,
        target: Math.round((monthlyTarget(rep.unit) * random.float(0.8, 1.3)) / 50_000) * 50_000,
      },
    }));
    await write(world, manager.username, items);
  }
}

async function quarterPlans(world: World, quarter: string): Promise<void> {
  const { random } = world;
  const label = `${quarter.slice(0, 4)} Q${Math.floor(Number(quarter.slice(5, 7)) / 3) + 1}`;
  const period = { period_start: quarter, period_end: quarterEnd(quarter) };
  const items: BatchItem[] = [];
  for (const team of demoUnits.filter((u) => u.kind === "team" && u.code.endsWith("_sales"))) {
    const reps = demoPeople.filter((p) => p.unit === team.code && p.roles.includes("sales_rep")).length;
    const target = monthlyTarget(team.code) * 3 * reps * random.float(0.9, 1.1);
    items.push({
      kind: "create",
      input: {
        name: `${team.name}, ${label}`,
        ...period,
        dimension: "department",
        department: team.name,
        target: round(target),
      },
    });
  }
  for (const product of world.products.filter((p) => p.price >= 400_000).slice(0, 8))
    items.push({
      kind: "create",
      input: {
        name: `${product.name}, ${label}`,
        ...period,
        dimension: "product",
        product: product.id,
        target: round(product.price * random.int(4, 12)),
      },
    });
  const key = world.customers
    .filter((c) => c.status === "active" && c.opportunities.size > 0)
    .sort((a, b) => (a.segment ?? "c").localeCompare(b.segment ?? "c") || b.opportunities.size - a.opportunities.size)
    .slice(0, 8);
  for (const customer of key)
    items.push({
      kind: "create",
      input: {
        name: `${customer.name}, ${label}`.slice(0, 200),
        ...period,
        dimension: "customer",
        customer: customer.id,
        target: round(random.float(1, 6) * 1_000_000),
      },
    });
  await write(world, "vp", items);
}

const round = (n: number) => Math.round(n / 50_000) * 50_000;

async function write(world: World, username: string, items: BatchItem[]): Promise<void> {
  if (items.length === 0) return;
  const results = await world.records.batch(person(world, username), (batch) => batch.write("sales_plan", items));
  const refused = results.find((r) => r.status === "rejected");
  if (refused?.status === "rejected") throw refused.error;
}

/**
 * Writes each sales plan's actual from won business in its period (as the
 * CRM's description has it: won opportunities of the employee, of the
 * department's reps, of the customer; accepted quote lines of the product),
 * in one batch by the system.
 *
 * @example
 * await rollUpActuals(world);
 */
export async function rollUpActuals(world: World): Promise<void> {
  const { sql } = world.storage;
  const schema = world.context.schema;
  const table = (name: string) => sql`${sql(schema)}.${sql(name)}`;
  const rows = await sql<Array<{ id: string; actual: string | null }>>`
    select p.id, case p.dimension
      when 'employee' then (select sum(o.amount) from ${table("opportunity")} o
        where o.stage = 'won' and o.owner = p.employee and o.closed_on between p.period_start and p.period_end)
      when 'customer' then (select sum(o.amount) from ${table("opportunity")} o
        where o.stage = 'won' and o.customer = p.customer and o.closed_on between p.period_start and p.period_end)
      when 'department' then (select sum(o.amount) from ${table("opportunity")} o
        join temper.users u on u.id = o.owner join temper.org_units ou on ou.id = u.org_unit_id
        where o.stage = 'won' and ou.name = p.department and o.closed_on between p.period_start and p.period_end)
      when 'product' then (select sum(l.line_total * (1 - q.discount / 100)) from ${table("quote_line")} l
        join ${table("quote")} q on q.id = l.quote
        join ${table("opportunity")} o on o.id = q.opportunity
        where q.status = 'accepted' and l.product = p.product and o.closed_on between p.period_start and p.period_end)
    end as actual
    from ${table("sales_plan")} p`;
  await world.records.batch(
    world.system,
    async (batch) => {
      const plans = await batch.find(
        "sales_plan",
        "id",
        rows.map((r) => r.id),
      );
      const actual = new Map(rows.map((r) => [r.id, Math.round(Number(r.actual ?? 0) * 100) / 100]));
      const results = await batch.write(
        "sales_plan",
        plans.map((before) => ({ kind: "update" as const, before, input: { actual: actual.get(String(before.id)) } })),
      );
      const refused = results.find((r) => r.status === "rejected");
      if (refused?.status === "rejected") throw refused.error;
    },
    { via: "seed", process: true },
  );
}
