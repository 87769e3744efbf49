import { expect } from "vitest";
import type { ProcessFixture } from "../../engine/src/runtime/testing.ts";

/** A parsed response body, read as each test expects it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Fires an event over the API as a user and expects it to be applied; returns the response body. */
export async function fire(
  fx: ProcessFixture,
  username: string,
  entity: string,
  id: string,
  type: string,
  data?: Record<string, unknown>,
): Promise<Json> {
  const response = await fx.as(username)("POST", `/records/${entity}/${id}/events`, {
    type,
    ...(data ? { data } : {}),
  });
  expect(response.status, `${username} ${type}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
}

/** Fires an event over the API as a user and expects it refused; returns status and problem code. */
export async function refused(
  fx: ProcessFixture,
  username: string,
  entity: string,
  id: string,
  type: string,
  data?: Record<string, unknown>,
): Promise<{ status: number; code: string }> {
  const response = await fx.as(username)("POST", `/records/${entity}/${id}/events`, {
    type,
    ...(data ? { data } : {}),
  });
  return { status: response.status, code: response.body?.code };
}

/** Creates a record over the API as a user and expects it created. */
export async function create(
  fx: ProcessFixture,
  username: string,
  entity: string,
  input: Record<string, unknown>,
): Promise<Json> {
  const response = await fx.as(username)("POST", `/records/${entity}`, input);
  expect(response.status, `${username} creates a ${entity}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body;
}

/** Reads a record over the API as a user and expects it readable. */
export async function read(fx: ProcessFixture, username: string, entity: string, id: string): Promise<Json> {
  const response = await fx.as(username)("GET", `/records/${entity}/${id}`);
  expect(response.status, `${username} reads ${entity} ${id}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
}

/** A record's view of one process (the first when unnamed), as a user sees it over the API. */
export async function processOf(
  fx: ProcessFixture,
  username: string,
  entity: string,
  id: string,
  process?: string,
): Promise<Json> {
  const response = await fx.as(username)("GET", `/records/${entity}/${id}/process`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const processes = response.body.processes as Json[];
  return process ? processes.find((p) => p.process === process) : processes[0];
}

/** The events of a process's timeline, in order (steps' notes left out). */
export const timelineEvents = (view: Json): string[] =>
  view.timeline.filter((e: { kind: string }) => e.kind !== "note").map((e: { event: string }) => e.event);

/** The notes steps wrote on a process's timeline, in order. */
export const timelineNotes = (view: Json): string[] =>
  view.timeline.filter((e: { kind: string }) => e.kind === "note").map((e: { data: { text: string } }) => e.data.text);

/** The keys of a process's pending timers. */
export const timerKeys = (view: Json): string[] => view.timers.map((t: { key: string }) => t.key).sort();

/** The events a user may fire now on a record, and why the others are not available. */
export async function optionsOf(
  fx: ProcessFixture,
  username: string,
  entity: string,
  id: string,
): Promise<Map<string, { available: boolean; reason?: string }>> {
  const response = await fx.as(username)("GET", `/records/${entity}/${id}/events`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return new Map((response.body.events as Json[]).map((e) => [e.event, { available: e.available, reason: e.reason }]));
}

/** The user's pending approval tasks on one record. */
export async function tasksOn(fx: ProcessFixture, username: string, recordId: string): Promise<Json[]> {
  const response = await fx.as(username)("GET", "/tasks");
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.tasks as Json[]).filter((t) => t.recordId === recordId);
}

/**
 * Decides the user's only pending task on a record a minute later (so that
 * tasks are listed in the order they came about); returns the decision's result.
 */
export async function decide(
  fx: ProcessFixture,
  username: string,
  recordId: string,
  decision: "approve" | "reject" | "return" | "delegate",
  body: { comment?: string; to?: string } = {},
): Promise<Json> {
  const tasks = await tasksOn(fx, username, recordId);
  expect(tasks, `${username}'s tasks on ${recordId}`).toHaveLength(1);
  fx.clock.advance("PT1M");
  const response = await fx.as(username)("POST", `/tasks/${tasks[0].id}/${decision}`, body);
  expect(response.status, `${username} ${decision}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
}

/** The messages of a user's notifications, newest first. */
export async function notificationsOf(fx: ProcessFixture, username: string): Promise<string[]> {
  const response = await fx.as(username)("GET", "/notifications?limit=200");
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.notifications as Array<{ message: string }>).map((n) => n.message);
}

/** A customer owned by a user, made by the system for setup. */
export async function customerOf(fx: ProcessFixture, owner: string, name: string, region = "east"): Promise<string> {
  const customer = await fx.runtime
    .records(fx.context)
    .create(fx.system, "customer", { name, region, owner: fx.ids.get(owner) });
  return String(customer.id);
}
