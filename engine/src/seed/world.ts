import type { FireResult } from "../runtime/events.ts";
import type { Runtime } from "../runtime/index.ts";
import type { Actor, RecordService, WorkspaceContext } from "../records/service.ts";
import type { RecordData } from "../records/values.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { Agenda } from "./agenda.ts";
import type { CompanyProfile } from "./companies.ts";
import type { City } from "./places.ts";
import { demoPeople, type Region, teamOfRegion } from "./org-chart.ts";
import type { Random } from "./random.ts";
import type { StoryClock } from "./story-clock.ts";

/** A customer as the story remembers it. */
export interface Customer {
  id: string;
  name: string;
  region: Region;
  status: string;
  segment: string | null;
  city: City;
  address: string;
  contacts: Array<{ id: string; name: string }>;
  /** The customer's open opportunities. */
  opportunities: Set<string>;
}

/** A product on sale, as the story quotes and services it. */
export interface Product {
  id: string;
  code: string;
  name: string;
  category: string;
  unit: string;
  price: number;
}

/** Everything the story's pieces share: the workspace, the runtime, the clock, the people and what exists so far. */
export interface World {
  storage: Storage;
  context: WorkspaceContext;
  runtime: Runtime;
  /** The records service with processes: creating a record starts its processes. */
  records: RecordService;
  agenda: Agenda;
  random: Random;
  clock: StoryClock;
  start: Date;
  end: Date;
  system: Actor;
  /** The people by username (the same object each time, so that each one's scope is resolved once). */
  people: Map<string, Actor>;
  /** Usernames by user id. */
  usernames: Map<string, string>;
  /** Usernames of the people who still work at the company. */
  active: Set<string>;
  /** The owner (user id) of each record the story works on. */
  owners: Map<string, string>;
  customers: Customer[];
  customerById: Map<string, Customer>;
  /** Company names in use, by customers and leads. */
  companyNames: Set<string>;
  /** The company behind each lead, for the customer its conversion makes. */
  leadCompanies: Map<string, CompanyProfile>;
  products: Product[];
  campaigns: Array<{ id: string; channel: string; start: string; end: string }>;
  /** Running numbers (quotes, contracts, invoices) by series. */
  counters: Map<string, number>;
  /** Visits and meetings waiting for their manager's review, by the manager's username. */
  toReview: Map<string, string[]>;
}

/**
 * The person with a username, or the one with an id.
 *
 * @example
 * await fire(world, person(world, "rep"), "lead", id, "contact");
 */
export function person(world: World, usernameOrId: string): Actor {
  const actor = world.people.get(usernameOrId) ?? world.people.get(world.usernames.get(usernameOrId) ?? "");
  if (!actor) throw new Error(`no demo person "${usernameOrId}"`);
  return actor;
}

/**
 * The person who owns a record now (after a handover, the successor).
 *
 * @example
 * await fire(world, ownerOf(world, leadId), "lead", leadId, "contact");
 */
export function ownerOf(world: World, recordId: string): Actor {
  const owner = world.owners.get(recordId);
  if (!owner) throw new Error(`the story does not know who owns ${recordId}`);
  return person(world, owner);
}

/**
 * Fires a process event as someone, noting the record's owner afterwards.
 *
 * @example
 * const { state } = await fire(world, person(world, "rep"), "quote", id, "submit");
 */
export async function fire(
  world: World,
  actor: Actor,
  entity: string,
  id: string,
  type: string,
  data?: Record<string, unknown>,
): Promise<FireResult> {
  const result = await world.runtime.events.fire(actor, world.context, entity, id, { type, ...(data ? { data } : {}) });
  if (typeof result.record.owner === "string") world.owners.set(id, result.record.owner);
  return result;
}

/**
 * Creates a record as someone through the records service (its processes start), noting its owner.
 *
 * @example
 * const lead = await create(world, world.system, "lead", { name: "…", region: "east", … });
 */
export async function create(world: World, actor: Actor, entity: string, input: RecordData): Promise<RecordData> {
  const record = await world.records.create(actor, entity, input);
  world.owners.set(String(record.id), String(record.owner));
  return record;
}

/**
 * A record as it is now, whoever may read it.
 *
 * @example
 * const quote = await current(world, "quote", id); // quote.status, quote.version
 */
export function current(world: World, entity: string, id: string): Promise<RecordData> {
  return world.records.get(world.system, entity, id);
}

/**
 * The next number of a series: 1, 2, 3…
 *
 * @example
 * nextNumber(world, "quote"); // 1, then 2…
 */
export function nextNumber(world: World, series: string): number {
  const next = (world.counters.get(series) ?? 0) + 1;
  world.counters.set(series, next);
  return next;
}

/**
 * The usernames of the active sales reps of a region's team.
 *
 * @example
 * repsOf(world, "east"); // ["rep", "wang.fang", "xu.jing"] once sun.hao has left
 */
export function repsOf(world: World, region: Region): string[] {
  return demoPeople
    .filter((p) => p.unit === teamOfRegion[region] && p.roles.includes("sales_rep") && world.active.has(p.username))
    .map((p) => p.username);
}

/**
 * The username of someone's manager in the org chart.
 *
 * @example
 * managerOf("rep"); // "manager"
 */
export function managerOf(username: string): string | null {
  return demoPeople.find((p) => p.username === username)?.manager ?? null;
}

/**
 * The usernames of the active people holding a role.
 *
 * @example
 * holdersOf(world, "finance"); // ["finance", "qian.wen"]
 */
export function holdersOf(world: World, role: string): string[] {
  return demoPeople.filter((p) => p.roles.includes(role) && world.active.has(p.username)).map((p) => p.username);
}

/**
 * The customers a user owns now.
 *
 * @example
 * customersOwnedBy(world, person(world, "rep").id).length; // about 25
 */
export function customersOwnedBy(world: World, userId: string): Customer[] {
  return world.customers.filter((c) => world.owners.get(c.id) === userId);
}
