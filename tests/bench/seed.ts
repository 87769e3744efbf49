import type { Storage } from "../../engine/src/storage/platform/database.ts";

/** The seeded owners and the spread of the values the list benchmarks filter on. */
export interface Seeded {
  owners: string[];
  regions: string[];
  industries: string[];
}

const regions = ["east", "north", "south", "central", "west", "international"];
const industries = [
  "machinery",
  "automotive",
  "electronics",
  "chemicals",
  "energy",
  "food_beverage",
  "metals_mining",
  "construction",
  "logistics",
  "other",
];

/**
 * Seeds `count` customers into a workspace's table with SQL alone
 * (generate_series), the way a data migration would: 200 sales reps as
 * owners (some with far more customers than others), regions weighted
 * towards the east, ten industries, log-normal revenues (a tenth empty),
 * three years of update times. Secondary indexes are dropped during the
 * load and rebuilt after it, then the table is analyzed.
 *
 * @example
 * const seeded = await seedCustomers(storage, "bench", 1_000_000);
 */
export async function seedCustomers(storage: Storage, workspaceId: string, count: number): Promise<Seeded> {
  const { sql } = storage;
  const schema = `ws_${workspaceId}`;
  const table = sql`${sql(schema)}.customer`;
  await sql`insert into temper.users (workspace_id, username, display_name, password_hash)
    select ${workspaceId}, 'rep' || lpad(g::text, 3, '0'), 'Sales rep ' || g, '!' from generate_series(1, 200) g`;
  const owners = (
    await sql<Array<{ id: string }>>`select id from temper.users
    where workspace_id = ${workspaceId} and username like 'rep%' order by username`
  ).map((u) => u.id);
  const indexes = await sql<
    Array<{ name: string; definition: string }>
  >`select indexname as name, indexdef as definition
    from pg_indexes where schemaname = ${schema} and tablename = 'customer' and indexname <> 'customer_pkey'`;
  await sql.begin(async (tx) => {
    // Foreign-key triggers are skipped during the load (the owners exist by construction) when allowed.
    await tx`set local session_replication_role = replica`.catch(() => undefined);
    for (const index of indexes) await tx`drop index ${tx(schema)}.${tx(index.name)}`;
    await tx`insert into ${table} (id, owner, created_by, updated_by, created_at, updated_at, version,
        name, customer_no, industry, size, annual_revenue, region, city, status, value_score, segment)
      select gen_random_uuid(), o.owner, o.owner, o.owner, t.updated - interval '400 days' * random(), t.updated, 1,
        'Customer ' || g, 'C' || lpad(g::text, 8, '0'),
        (${industries}::text[])[1 + floor(random() * 10)::int],
        (array['micro', 'small', 'medium', 'large', 'enterprise'])[1 + floor(random() * 5)::int],
        case when random() < 0.1 then null else round(exp(10 + random() * 4 + random() * 4)::numeric, 2) end,
        (${regions}::text[])[case when r < 0.3 then 1 when r < 0.5 then 2 when r < 0.7 then 3 when r < 0.82 then 4 when r < 0.92 then 5 else 6 end],
        (array['Shanghai', 'Beijing', 'Shenzhen', 'Wuhan', 'Chengdu', 'Seoul', 'Busan'])[1 + floor(random() * 7)::int],
        (array['active', 'active', 'prospect', 'dormant', 'lost'])[1 + floor(random() * 5)::int],
        floor(random() * 101)::int,
        (array['a', 'b', 'c', 'c'])[1 + floor(random() * 4)::int]
      from generate_series(1, ${count}) g
      cross join lateral (select random() as r, now() - interval '3 years' * random() as updated, g as seq) t
      cross join lateral (select (${owners}::uuid[])[1 + floor(200 * power(random(), 1.5) + 0 * t.seq)::int] as owner) o`;
  });
  for (const index of indexes) await sql.unsafe(index.definition);
  await sql`analyze ${table}`;
  await sql`analyze temper.users`;
  return { owners, regions, industries };
}
