import { performance } from "node:perf_hooks";
import { engineRuntime } from "../plugins/install.ts";
import type { Storage } from "../storage/platform/database.ts";
import { auditLog } from "../storage/platform/schema.ts";
import { systemUsername } from "../storage/workspaces.ts";
import { userActor } from "../org/actors.ts";
import { planActivities } from "./activities.ts";
import { type AgendaOutcome, storyAgenda } from "./agenda.ts";
import { backdate } from "./backdate.ts";
import { atLocal, daysAfter, inOfficeHours, localDate } from "./calendar.ts";
import { seedCatalog } from "./catalog.ts";
import { planComplaints } from "./complaints.ts";
import { planEarlierContracts } from "./contracts.ts";
import { importCustomers } from "./customers.ts";
import { planDepartures } from "./departure.ts";
import { planFinale } from "./finale.ts";
import { planLeads } from "./leads.ts";
import { planOpportunities } from "./opportunities.ts";
import { demoPeople, demoUnits } from "./org-chart.ts";
import { demoRandom, demoSeed } from "./random.ts";
import { planReviews } from "./reviews.ts";
import { planSalesPlans, rollUpActuals } from "./sales-plans.ts";
import { planSchedules } from "./schedule.ts";
import { seedableWorkspaceOrThrow, seededAction } from "./seedable.ts";
import { seedOrg } from "./seed-org.ts";
import { planServiceRequests } from "./service-requests.ts";
import { storyClock } from "./story-clock.ts";
import { shortestDelayMs } from "./timer-horizon.ts";
import { recordCounts } from "./summary.ts";
import type { World } from "./world.ts";

/** How the demo's story is told. */
export interface DemoSeedOptions {
  /** When the story ends (the present, by default). */
  end?: Date;
  /** How many days before `end` it begins (90 by default). */
  days?: number;
  /** How much happens, 1 being the demo: 0.1 tells a tenth of it, for a quick look or a test. */
  scale?: number;
  /** The seed of its random choices. */
  seed?: number;
}

/** What a demo seed made, and how long it took. */
export interface DemoSeedReport {
  ms: number;
  start: Date;
  end: Date;
  records: Record<string, number>;
  outcome: AgendaOutcome;
}

/**
 * Seeds a workspace running the reference CRM (and nothing else yet) with
 * the demo company: its org and people (see `org-chart.ts`), then a few
 * months of its life told through the engine's own runtime on a clock that
 * starts in the past, so that processes start, owners are assigned, timers
 * escalate complaints and make payments overdue, approvals wait in inboxes,
 * and history and timelines are real. It ends at `end` with work in
 * progress. The same seed and dates tell the same story.
 *
 * @example
 * const report = await seedDemo(storage, "demo");
 * report.records.customer; // ~300
 */
export async function seedDemo(
  storage: Storage,
  workspaceId: string,
  options: DemoSeedOptions = {},
): Promise<DemoSeedReport> {
  const began = performance.now();
  const context = await seedableWorkspaceOrThrow(storage, workspaceId);
  const scale = options.scale ?? 1;
  const end = options.end ?? new Date();
  const start = inOfficeHours(atLocal(localDate(daysAfter(end, -(options.days ?? 90))), 8.5));
  const clock = await storyClock(storage, start);
  const runtime = await engineRuntime(storage, { clock, workerId: `seed:${workspaceId}` });
  const people = await seedOrg(storage, workspaceId, demoUnits, demoPeople);
  const agenda = storyAgenda();
  const system = { ...(await userActor(storage.sql, workspaceId, { username: systemUsername }))!.actor, system: true };
  const world: World = {
    storage,
    context,
    runtime,
    records: runtime.records(context),
    agenda,
    random: demoRandom(options.seed ?? demoSeed),
    clock,
    start,
    end,
    system,
    people,
    usernames: new Map([...people].map(([username, actor]) => [actor.id, username])),
    active: new Set(people.keys()),
    owners: new Map(),
    customers: [],
    customerById: new Map(),
    companyNames: new Set(),
    leadCompanies: new Map(),
    products: [],
    campaigns: [],
    counters: new Map(),
    toReview: new Map(),
  };
  await seedCatalog(world);
  await importCustomers(world, Math.round(265 * scale));
  planEarlierContracts(world, Math.round(22 * scale));
  planLeads(world, start, 2 * scale);
  planOpportunities(world, { perDay: 1.6 * scale, burst: 5 * scale });
  planServiceRequests(world, 1.5 * scale);
  planComplaints(world, 0.6 * scale);
  planActivities(world);
  planReviews(world);
  planSchedules(world, 4);
  planSalesPlans(world);
  planDepartures(world, 40);
  planFinale(world);
  const outcome = await agenda.tell({
    storage,
    runtime,
    clock,
    workspaceId,
    end,
    shortestDelayMs: shortestDelayMs(context.definition),
  });
  await rollUpActuals(world);
  const records = await recordCounts(storage, context);
  await storage.db
    .insert(auditLog)
    .values({ workspaceId, action: seededAction, details: { demo: true, start: start.toISOString(), records } });
  await backdate(storage, context, clock.marks);
  return { ms: performance.now() - began, start, end, records, outcome };
}
