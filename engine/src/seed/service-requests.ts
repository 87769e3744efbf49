import { atLocal, daysAfter, hoursAfter, inOfficeHours, localDate, workingDays } from "./calendar.ts";
import { resolutions, serviceRequestTexts } from "./texts.ts";
import { create, current, fire, holdersOf, ownerOf, person, type World } from "./world.ts";

const categoryWeights = { repair: 40, maintenance: 20, installation: 12, spare_parts: 12, inquiry: 10, training: 6 };

/**
 * Plans the service requests of the story: about `perDay` each working day,
 * logged by a service agent on the hotline, assigned by the supervisor
 * (after 8 hours unassigned the process flags them escalated), worked,
 * sometimes waiting for the customer, resolved, and closed by the agent or,
 * a week after resolution, by the process.
 *
 * @example
 * planServiceRequests(world, 1.5);
 */
export function planServiceRequests(world: World, perDay: number): void {
  const { random } = world;
  for (const day of workingDays(localDate(world.start), localDate(world.end))) {
    const n = random.int(0, Math.round(perDay * 2));
    for (let i = 0; i < n; i++)
      world.agenda.at(atLocal(day, random.float(8, 17)), "service_request.create", () => openRequest(world));
  }
}

async function openRequest(world: World): Promise<void> {
  const { random } = world;
  const customer = random.pick(world.customers.filter((c) => c.status === "active"));
  const category = random.weighted(categoryWeights);
  const [subject, description] = random.pick(serviceRequestTexts[category]!);
  const product = random.pick(world.products.filter((p) => !["services", "spare_parts"].includes(p.category)));
  const agent = person(world, random.pick(holdersOf(world, "service_agent")));
  const request = await create(world, agent, "service_request", {
    subject: `${subject} (${product.code})`,
    customer: customer.id,
    ...(customer.contacts.at(-1) ? { contact: customer.contacts.at(-1)!.id } : {}),
    priority: random.weighted({ urgent: 10, high: 25, normal: 50, low: 15 }),
    category,
    product: product.id,
    serial_number: `${product.code.replace("HJ-", "")}-${random.en.string.numeric(6)}`,
    under_warranty: random.chance(0.45),
    description,
  });
  const id = String(request.id);
  const supervisor = person(world, "supervisor");
  if (random.chance(0.05)) {
    world.agenda.at(hoursAfter(world.clock.now(), random.float(0.5, 4)), "service_request.cancel", () =>
      fire(world, supervisor, "service_request", id, "cancel", { reason: "Duplicate of an earlier request" }),
    );
    return;
  }
  // The service center answers until late: most requests are assigned and started the same day.
  const assignIn = random.chance(0.12) ? random.float(9, 20) : random.float(0.2, 3);
  const urgent = ["urgent", "high"].includes(String(request.priority));
  world.agenda.at(hoursAfter(world.clock.now(), assignIn), "service_request.assign", async () => {
    await fire(world, supervisor, "service_request", id, "assign");
    const startIn = random.float(0.5, 5);
    world.agenda.at(
      urgent ? hoursAfter(world.clock.now(), startIn) : inOfficeHours(hoursAfter(world.clock.now(), startIn)),
      "service_request.start",
      () => work(world, id),
    );
  });
}

/** Plans work some office hours from now. */
function at(world: World, hours: number, label: string, run: () => Promise<unknown>): void {
  world.agenda.at(inOfficeHours(hoursAfter(world.clock.now(), hours), world.random.int(0, 45)), label, run);
}

async function work(world: World, id: string): Promise<void> {
  const { random } = world;
  await fire(world, ownerOf(world, id), "service_request", id, "start");
  const resolve = () =>
    at(world, random.float(2, 72), "service_request.resolve", async () => {
      await fire(world, ownerOf(world, id), "service_request", id, "resolve", { resolution: random.pick(resolutions) });
      afterResolution(world, id);
    });
  if (random.chance(0.2))
    at(world, random.float(2, 24), "service_request.wait", async () => {
      await fire(world, ownerOf(world, id), "service_request", id, "wait_for_customer");
      world.agenda.at(
        inOfficeHours(daysAfter(world.clock.now(), random.float(1, 4))),
        "service_request.reply",
        async () => {
          await fire(world, ownerOf(world, id), "service_request", id, "customer_replied");
          resolve();
        },
      );
    });
  else resolve();
}

/** After a resolution: the customer's satisfaction, then the agent closes it; or it is reopened; or the process closes it. */
function afterResolution(world: World, id: string): void {
  const { random } = world;
  const fate = random.weighted({ closed: 55, silent: 37, reopened: 8 });
  if (fate === "silent") return;
  at(world, random.float(20, 70), "service_request.follow_up", async () => {
    const agent = ownerOf(world, id);
    if (fate === "reopened") {
      await fire(world, agent, "service_request", id, "reopen", { reason: "The fault came back after two days." });
      return at(world, random.float(4, 30), "service_request.resolve", async () => {
        await fire(world, ownerOf(world, id), "service_request", id, "resolve", {
          resolution: random.pick(resolutions),
        });
        afterResolution(world, id);
      });
    }
    const before = await current(world, "service_request", id);
    const satisfaction = random.weighted({ very_satisfied: 40, satisfied: 40, neutral: 14, dissatisfied: 6 });
    await world.records.update(agent, "service_request", id, { satisfaction }, Number(before.version));
    await fire(world, agent, "service_request", id, "close");
  });
}
