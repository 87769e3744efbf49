import type { Actor, RecordService } from "../../../engine/src/records/service.ts";

/** One customer of the test data set, with everything that refers to it. */
export interface SeedCustomer {
  name: string;
  size: string;
  revenue?: number;
  /** Payments received: [amount, paid on]. */
  paid: Array<[number, string]>;
  /** Payments overdue (nothing paid). */
  overdue: number;
  /** Opportunities won: [amount, closed on]. */
  won: Array<[number, string]>;
  /** Amounts of opportunities still open. */
  open: number[];
  /** Activities: [kind, occurred at]. */
  activities: Array<[string, string]>;
  requests: number;
  complaints: number;
}

const recent = (days: number) => new Date(Date.UTC(2026, 2, 2 - days, 3)).toISOString();

/**
 * Ten customers of an industrial equipment maker, as of 2026-03-02: two
 * bring 80% of the money received in the last year; one was big, two years
 * ago only.
 */
export const seedCustomers: SeedCustomer[] = [
  {
    name: "Hanwha Machinery",
    size: "enterprise",
    revenue: 900_000_000,
    paid: [
      [2_000_000, "2025-09-01"],
      [1_500_000, "2025-12-01"],
    ],
    overdue: 0,
    won: [
      [1_800_000, "2025-08-20"],
      [1_700_000, "2025-11-15"],
    ],
    open: [400_000],
    activities: [
      ["visit", recent(10)],
      ["call", recent(20)],
      ["meeting", recent(40)],
      ["email", recent(50)],
      ["note", recent(5)],
      ["visit", recent(400)],
    ],
    requests: 1,
    complaints: 0,
  },
  {
    name: "Doosan Robotics",
    size: "large",
    revenue: 400_000_000,
    paid: [[1_200_000, "2025-07-15"]],
    overdue: 1,
    won: [[1_200_000, "2025-06-30"]],
    open: [],
    activities: [
      ["call", recent(3)],
      ["visit", recent(30)],
    ],
    requests: 2,
    complaints: 1,
  },
  {
    name: "Kumho Precision",
    size: "medium",
    revenue: 150_000_000,
    paid: [[600_000, "2025-05-20"]],
    overdue: 0,
    won: [[600_000, "2025-05-01"]],
    open: [250_000],
    activities: [["call", recent(60)]],
    requests: 1,
    complaints: 2,
  },
  {
    name: "Posco Steelworks",
    size: "large",
    revenue: 300_000_000,
    paid: [
      [300_000, "2026-01-10"],
      [5_000_000, "2024-01-10"],
    ],
    overdue: 0,
    won: [[5_300_000, "2023-12-01"]],
    open: [],
    activities: [["meeting", recent(90)]],
    requests: 0,
    complaints: 0,
  },
  ...(
    [
      ["Lotte Packaging", "small", 100_000, "2025-10-01"],
      ["Hyosung Textiles", "small", 80_000, "2025-11-01"],
      ["LS Cable", "medium", 50_000, "2025-12-01"],
      ["SK Chemicals", "micro", 20_000, "2026-01-15"],
    ] as const
  ).map(([name, size, amount, paidOn], i) => ({
    name,
    size,
    paid: [[amount, paidOn] as [number, string]],
    overdue: i % 2,
    won: [[amount, `2025-0${i + 5}-15`] as [number, string]],
    open: [],
    activities: [["call", recent(15 * (i + 1))] as [string, string]],
    requests: i,
    complaints: 0,
  })),
  {
    name: "Nexen Tools",
    size: "small",
    paid: [],
    overdue: 0,
    won: [],
    open: [],
    activities: [],
    requests: 0,
    complaints: 0,
  },
  {
    name: "Mando Parts",
    size: "micro",
    paid: [],
    overdue: 0,
    won: [],
    open: [],
    activities: [],
    requests: 1,
    complaints: 1,
  },
];

/**
 * Writes the data set through the records service (state fields set as
 * their processes would): customers, won and open opportunities, a contract
 * with a payment plan and its payments, activities, service requests and
 * complaints. Returns the customers' ids by name.
 *
 * @example
 * const ids = await seedScoringData(runtime.records(context), system);
 */
export async function seedScoringData(records: RecordService, system: Actor): Promise<Map<string, string>> {
  const write = async (entity: string, inputs: Array<Record<string, unknown>>) => {
    const results = await records.batch(
      system,
      (batch) =>
        batch.write(
          entity,
          inputs.map((input) => ({ kind: "create" as const, input })),
        ),
      { process: true, atomic: true },
    );
    return results.map((r) => (r.status === "rejected" ? undefined : String(r.record.id)));
  };
  const ids = await write(
    "customer",
    seedCustomers.map((c) => ({
      name: c.name,
      size: c.size,
      region: "east",
      status: "active",
      annual_revenue: c.revenue,
    })),
  );
  const byName = new Map(seedCustomers.map((c, i) => [c.name, ids[i]!]));
  await write(
    "opportunity",
    seedCustomers.flatMap((c) =>
      [
        ...c.won.map(([amount, closed]) => ({ stage: "won", amount, closed_on: closed, expected_close: closed })),
        ...c.open.map((amount) => ({ stage: "proposal", amount, expected_close: "2026-06-30" })),
      ].map((deal, i) => ({ ...deal, name: `${c.name} deal ${i}`, customer: byName.get(c.name) })),
    ),
  );
  const owing = seedCustomers.filter((c) => c.paid.length + c.overdue > 0);
  const amounts = (c: SeedCustomer) => [...c.paid.map(([a]) => a), ...Array<number>(c.overdue).fill(10_000)];
  const contracts = await write(
    "contract",
    owing.map((c, i) => ({
      number: `C-${i}`,
      name: `${c.name} framework`,
      contract_type: "framework",
      customer: byName.get(c.name),
      value: amounts(c).reduce((s, a) => s + a, 0),
      start_date: "2023-01-01",
      end_date: "2027-12-31",
      status: "active",
    })),
  );
  const plans = await write(
    "payment_plan",
    owing.map((c, i) => ({
      name: `${c.name} plan`,
      contract: contracts[i],
      customer: byName.get(c.name),
      total: amounts(c).reduce((s, a) => s + a, 0),
      installments: amounts(c).length,
      first_due_date: "2023-06-01",
    })),
  );
  await write(
    "payment",
    owing.flatMap((c, i) =>
      [
        ...c.paid.map(([amount, paidOn]) => ({
          amount,
          paid_amount: amount,
          paid_on: paidOn,
          due_date: paidOn,
          status: "paid",
        })),
        ...Array.from({ length: c.overdue }, () => ({
          amount: 10_000,
          paid_amount: 0,
          due_date: "2026-01-31",
          status: "overdue",
        })),
      ].map((payment, n) => ({
        ...payment,
        name: `${c.name} #${n + 1}`,
        payment_plan: plans[i],
        contract: contracts[i],
        customer: byName.get(c.name),
        installment_no: n + 1,
      })),
    ),
  );
  await write(
    "activity",
    seedCustomers.flatMap((c) =>
      c.activities.map(([kind, at], i) => ({
        subject: `${kind} ${i}`,
        kind,
        occurred_at: at,
        customer: byName.get(c.name),
      })),
    ),
  );
  const service = (c: SeedCustomer, what: "requests" | "complaints") =>
    Array.from({ length: c[what] }, (_, i) => ({
      customer: byName.get(c.name),
      subject: `${c.name} ${what} ${i}`,
      description: "Spindle noise",
    }));
  await write(
    "service_request",
    seedCustomers.flatMap((c) => service(c, "requests").map((r) => ({ ...r, priority: "normal", category: "repair" }))),
  );
  await write(
    "complaint",
    seedCustomers.flatMap((c) =>
      service(c, "complaints").map((r) => ({ ...r, severity: "minor", category: "service" })),
    ),
  );
  return byName;
}
