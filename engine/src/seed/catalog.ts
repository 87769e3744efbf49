import { addDays, atLocal, inOfficeHours, localDate } from "./calendar.ts";
import { current, person, type World } from "./world.ts";

type ProductRow = [code: string, name: string, category: string, unit: string, price: number, warranty: number];

/** The demo company's catalog: machines, robots, handling, compressors, spare parts and services, prices in CNY. */
const catalog: ProductRow[] = [
  ["HJ-VMC850", "VMC-850 vertical machining centre", "cnc_machines", "unit", 680_000, 24],
  ["HJ-VMC1060", "VMC-1060 vertical machining centre", "cnc_machines", "unit", 920_000, 24],
  ["HJ-HMC630", "HMC-630 horizontal machining centre", "cnc_machines", "unit", 2_350_000, 24],
  ["HJ-TL420", "TL-420 CNC lathe", "cnc_machines", "unit", 420_000, 24],
  ["HJ-5X650", "5X-650 five-axis machining centre", "cnc_machines", "unit", 3_800_000, 24],
  ["HJ-HP200", "HP-200 hydraulic press", "metal_forming", "unit", 560_000, 18],
  ["HJ-SP315", "SP-315 servo press", "metal_forming", "unit", 1_450_000, 18],
  ["HJ-PB110", "PB-110 press brake", "metal_forming", "unit", 380_000, 18],
  ["HJ-LC3015", "LC-3015 fiber laser cutter", "metal_forming", "unit", 1_150_000, 18],
  ["HJ-RB20", "RB-20 six-axis robot", "robotics", "unit", 245_000, 12],
  ["HJ-RB210", "RB-210 heavy-duty robot", "robotics", "unit", 520_000, 12],
  ["HJ-WC1", "WC-1 robotic welding cell", "robotics", "set", 890_000, 12],
  ["HJ-PAL180", "PAL-180 palletizing robot", "robotics", "unit", 310_000, 12],
  ["HJ-AGV1000", "AGV-1000 automated guided vehicle", "material_handling", "unit", 185_000, 12],
  ["HJ-CV-SET", "CV conveyor line section", "material_handling", "set", 260_000, 12],
  ["HJ-ASRS-S", "ASRS-S stacker crane", "material_handling", "unit", 1_600_000, 24],
  ["HJ-SC37", "SC-37 screw compressor, 37 kW", "compressors", "unit", 98_000, 24],
  ["HJ-SC90", "SC-90 screw compressor, 90 kW", "compressors", "unit", 215_000, 24],
  ["HJ-OF22", "OF-22 oil-free compressor", "compressors", "unit", 168_000, 24],
  ["SP-SPINDLE-VMC", "Spindle assembly, VMC series", "spare_parts", "piece", 46_000, 6],
  ["SP-SERVO-KIT", "Servo motor kit", "spare_parts", "set", 12_800, 6],
  ["SP-SEAL-KIT", "Hydraulic seal kit", "spare_parts", "set", 1_800, 3],
  ["SV-INSTALL", "Installation and commissioning", "services", "set", 28_000, 0],
  ["SV-MAINT-Y", "Annual maintenance contract", "services", "year", 60_000, 0],
  ["SV-TRAIN-H", "Operator training", "services", "hour", 800, 0],
];

/** Product lines an opportunity can be about, weighted by how often they are sold. */
export const productLineWeights = {
  cnc_machines: 30,
  metal_forming: 20,
  robotics: 20,
  material_handling: 12,
  compressors: 10,
  spare_parts: 4,
  services: 4,
};

/**
 * The catalog and the year's marketing campaigns, created by the VP of
 * sales on the story's first day (one batch each).
 *
 * @example
 * await seedCatalog(world); // world.products, world.campaigns
 */
export async function seedCatalog(world: World): Promise<void> {
  const vp = person(world, "vp");
  const today = localDate(world.start);
  await world.records.batch(vp, async (batch) => {
    const products = await batch.write(
      "product",
      catalog.map(([code, name, category, unit, price, warranty]) => ({
        kind: "create" as const,
        input: {
          code,
          name,
          category,
          unit,
          list_price: price,
          warranty_months: warranty,
          active: code !== "HJ-TL420",
          description: `${name} from the Huajing catalog.`,
        },
      })),
    );
    for (const [index, result] of products.entries()) {
      if (result.status !== "created") throw new Error(`product ${catalog[index]![0]} was not created`);
      const [code, name, category, unit, price] = catalog[index]!;
      // The story sells, quotes and services only what is still on sale.
      if (result.record.active)
        world.products.push({ id: String(result.record.id), code, name, category, unit, price });
    }
    const campaigns = [
      ["CIMT machine tool show, Beijing", "trade_show", -70, -65, 850_000, 60],
      ["Smart factory seminar, Suzhou", "seminar", -40, -40, 120_000, 25],
      ["Robotic welding webinar", "webinar", -20, -20, 15_000, 30],
      ["Automation newsletter campaign", "email", 10, 40, 30_000, 40],
      ["Industrial automation fair, Shanghai", "trade_show", 60, 64, 920_000, 70],
      ["Korea Metal Week, Goyang", "trade_show", 95, 98, 400_000, 25],
      ["Distributor partner days", "partner", 30, 110, 60_000, 15],
      ["Customer seminar on predictive maintenance", "seminar", 150, 150, 90_000, 20],
    ] as const;
    const statusOn = (from: number, to: number) => (to < 0 ? "completed" : from <= 0 ? "running" : "planned");
    const results = await batch.write(
      "campaign",
      campaigns.map(([name, channel, from, to, budget, leads]) => ({
        kind: "create" as const,
        input: {
          name,
          channel,
          start_date: addDays(today, from),
          end_date: addDays(today, to),
          budget,
          actual_cost: to < 0 ? Math.round(budget * 0.92) : null,
          expected_leads: leads,
          status: statusOn(from, to),
        },
      })),
    );
    for (const [index, result] of results.entries()) {
      if (result.status !== "created") throw new Error(`campaign ${campaigns[index]![0]} was not created`);
      const [, channel, from, to, budget] = campaigns[index]!;
      const id = String(result.record.id);
      world.campaigns.push({ id, channel, start: addDays(today, from), end: addDays(today, to) });
      if (from > 0) planCampaignChange(world, id, addDays(today, from), { status: "running" });
      if (to >= 0)
        planCampaignChange(world, id, addDays(today, to + 1), {
          status: "completed",
          actual_cost: Math.round(budget * (0.85 + world.random.float(0, 0.25))),
        });
    }
  });
}

/** The VP marks a campaign running when it starts and completed (with its cost) when it is over. */
function planCampaignChange(world: World, id: string, date: string, change: Record<string, unknown>): void {
  world.agenda.at(inOfficeHours(atLocal(date, 9.25)), "campaign.update", async () => {
    const before = await current(world, "campaign", id);
    await world.records.update(person(world, "vp"), "campaign", id, change, Number(before.version));
  });
}
