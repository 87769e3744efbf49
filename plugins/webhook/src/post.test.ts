import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Plugin, StepRunContext } from "@temper/plugin-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApi } from "../../../engine/src/api/app.ts";
import { validateDefinitionTexts } from "../../../engine/src/definitions/index.ts";
import { referenceCrmWith } from "../../../engine/src/plugins/testing.ts";
import type { Actor, WorkspaceContext } from "../../../engine/src/records/service.ts";
import { manualClock } from "../../../engine/src/runtime/clock.ts";
import { createRuntime, type Runtime } from "../../../engine/src/runtime/index.ts";
import type { ProcessView } from "../../../engine/src/runtime/process-view.ts";
import { openStorage, type Storage } from "../../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../../engine/src/storage/testing.ts";
import { currentVersion } from "../../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../../engine/src/storage/workspaces.ts";
import { addUser, signIn } from "../../../engine/src/users/service.ts";
import webhook, { post, type WebhookBody } from "./index.ts";

/** A real receiver: keeps every call, answers the statuses queued in `answers` (200 once they run out). */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let received: Received[] = [];
let answers: number[] = [];
let hang = false;
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    if (hang) return;
    const status = answers.shift() ?? 200;
    response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "receiver is down");
  });
});

const secret = "whsec-0123456789abcdef";
/** What a receiver computes to check a call: written here again, not taken from the plugin. */
const expectedSignature = (body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** The reference CRM with the plugin enabled: a call on accepting a quote, one to the "erp" endpoint on declining. */
async function definitionTexts(acceptParams: Record<string, unknown>) {
  return referenceCrmWith(["webhook"], (path, json) => {
    if (path === "processes/quote_approval.json") {
      json.states.sent.on.accept = { target: "accepted", actions: [{ type: "webhook.post", params: acceptParams }] };
      json.states.sent.on.decline.actions.push({
        type: "webhook.post",
        params: { event: "quote.declined", endpoint: "erp" },
      });
    }
  });
}
const acceptParams = { event: "quote.accepted" };

let database: TestDatabase;
let storage: Storage;
let runtime: Runtime;
let context: WorkspaceContext;
let system: Actor;
let plugins: Plugin[];
let base: string;
let closedPort: number;
let call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, never> }>;
const clock = manualClock(new Date("2026-03-02T09:00:00Z"));

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // A port nobody listens on, for network errors.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));

  // Loaded as an engine loads it: by name, from the root's packages.
  database = await createTestDatabase("plugin_webhook");
  storage = await openStorage(database.url, { max: 6 });
  await createWorkspace(storage, "acme");
  const crm = await definitionTexts(acceptParams);
  plugins = crm.plugins;
  await publishDefinition(storage, {
    workspaceId: "acme",
    texts: crm.texts,
    publishedBy: "cli:test",
  });
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  runtime = createRuntime({ storage, clock, plugins });
  const api = createApi({ storage, runtime });
  const password = "correct horse battery";
  await addUser(storage, { workspaceId: "acme", username: "admin", password, roles: ["administrator"] });
  const { token } = await signIn(storage, { workspace: "acme", username: "admin", password });
  call = async (method, path, body) => {
    const response = await api.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, never> };
  };
}, 120_000);
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await storage?.close();
  await database?.drop();
});
beforeEach(() => {
  received = [];
  answers = [];
  hang = false;
});

let numbers = 0;
/** A quote sent to its customer, ready to be accepted or declined. */
async function sentQuote(): Promise<string> {
  numbers += 1;
  const records = runtime.records(context);
  const customer = await records.create(system, "customer", { name: `Customer ${numbers}`, region: "east" });
  const opportunity = await records.create(system, "opportunity", {
    name: `Deal ${numbers}`,
    customer: customer.id,
    amount: 1_000_000,
    expected_close: "2026-06-30",
  });
  const quote = await records.create(system, "quote", {
    number: `Q-2026-${String(numbers).padStart(3, "0")}`,
    name: "Machining centres",
    opportunity: opportunity.id,
    customer: customer.id,
    subtotal: 1_000_000,
    discount: 5,
    valid_until: "2026-04-30",
  });
  const id = String(quote.id);
  for (const type of ["submit", "send"]) await runtime.events.fire(system, context, "quote", id, { type });
  return id;
}

/** The webhook's outbox row of a record. */
async function outboxRow(id: string) {
  const [row] = await storage.sql<[{ key: string; attempts: number; status: string; last_error: string | null }]>`
    select o.key, o.attempts, o.status, o.last_error from temper.outbox o
    join temper.process_instances i on i.id = o.instance_id
    where i.record_id = ${id} and o.step = 'webhook.post'`;
  return row;
}

/** What the committed transition left: the record's row and the instance's state and version. */
async function committed(id: string) {
  const [record] = await storage.sql`select * from ws_acme.quote where id = ${id}`;
  const [instance] = await storage.sql`select state, version, snapshot from temper.process_instances
    where record_id = ${id}`;
  return { record, instance };
}

const settings = () => ({ url: `${base}/hooks/temper`, secret, endpoints: { erp: `${base}/erp/in` } });

describe("webhook.post", () => {
  it("is refused at publish when a definition gives it params its schema refuses, naming the pointer", async () => {
    const { texts } = await definitionTexts({ event: "Quote accepted!", url: "http://example.com" });
    const errors = validateDefinitionTexts(texts).findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.file, f.pointer])).toEqual(
      expect.arrayContaining([["processes/quote_approval.json", "/states/sent/on/accept/actions/0/params/event"]]),
    );
    expect(errors.every((f) => f.pointer.startsWith("/states/sent/on/accept/actions/0/params"))).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    await expect(
      publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" }),
    ).rejects.toMatchObject({ code: "definition_invalid" });
    const missing = validateDefinitionTexts((await definitionTexts({ process: "quote_approval" })).texts);
    expect(missing.findings.filter((f) => f.severity === "error").map((f) => f.pointer)).toEqual([
      "/states/sent/on/accept/actions/0/params",
    ]);
  });

  it("refuses invalid settings with 422 naming each, and never shows the secret", async () => {
    const bad = await call("PUT", "/plugins/webhook/settings", {
      url: "ftp://example.com/in",
      secret: "short",
      endpoints: { erp: "not a url" },
    });
    expect(bad.status).toBe(422);
    const text = JSON.stringify(bad.body);
    for (const field of ["url", "secret", "endpoints/erp"]) expect(text).toContain(`"field":"${field}"`);
    expect((await call("PUT", "/plugins/webhook/settings", { secret })).status).toBe(422);
    expect((await call("PUT", "/plugins/webhook/settings", { ...settings(), timeout: 5 })).status).toBe(422);

    const put = await call("PUT", "/plugins/webhook/settings", settings());
    expect(put).toEqual({ status: 200, body: { settings: { ...settings(), secret: "********" } } });
    // Sent back masked, as a client that read them would: the stored secret stays (the deliveries below verify with it).
    const again = await call("PUT", "/plugins/webhook/settings", { ...settings(), secret: "********" });
    expect(again.status).toBe(200);
    const read = await call("GET", "/plugins/webhook/settings");
    expect(read.body).toEqual({ settings: { ...settings(), secret: "********" } });
    expect(JSON.stringify(read.body)).not.toContain(secret);
  });

  it("POSTs the signed event after the transition commits, with the outbox row's key, and notes the delivery", async () => {
    const id = await sentQuote();
    const accepted = await runtime.events.fire(system, context, "quote", id, { type: "accept" });
    expect(accepted.record).toMatchObject({ status: "accepted" });
    expect(received).toEqual([]);
    expect((await outboxRow(id))?.status).toBe("pending");

    await runtime.outbox.deliverDue();
    expect(received).toHaveLength(1);
    const [request] = received;
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "done", attempts: 1, last_error: null });
    expect(request!.path).toBe("/hooks/temper");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["x-temper-signature"]).toBe(expectedSignature(request!.body));
    expect(request!.headers["x-temper-timestamp"]).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(request!.headers["x-temper-event"]).toBe("quote.accepted");
    expect(request!.headers["idempotency-key"]).toBe(row!.key);
    const body = JSON.parse(request!.body) as WebhookBody;
    expect(body).toEqual({
      event: "quote.accepted",
      process: "quote_approval",
      state: "accepted",
      entity: "quote",
      // As the transition left it: the state field shows the state entered.
      record: expect.objectContaining({ id, number: accepted.record.number, status: "accepted", discount: 5 }),
      at: clock.now().toISOString(),
      key: row!.key,
    });

    const [view] = await runtime.process(system, context, "quote", id);
    expect(view!.lastError).toBeNull();
    const note = view!.timeline.filter((e) => e.kind === "note" && String(e.data.text).startsWith("webhook")).at(-1);
    expect(String(note?.data.text)).toMatch(
      new RegExp(`^webhook quote\\.accepted delivered to 127\\.0\\.0\\.1:\\d+: 200 in \\d+ ms$`),
    );
  });

  it("retries a receiver that answers 500 twice with backoff and the same idempotency key, then delivers", async () => {
    answers = [500, 500];
    const id = await sentQuote();
    await runtime.events.fire(system, context, "quote", id, { type: "accept" });
    const before = await committed(id);

    await runtime.outbox.deliverDue();
    expect(received).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await outboxRow(id))!.last_error).toMatch(
      /^step webhook\.post failed: 127\.0\.0\.1:\d+ answered 500 in \d+ ms: receiver is down$/,
    );
    const [failing] = await runtime.process(system, context, "quote", id);
    expect(failing!.lastError).toMatchObject({ source: "outbox", step: "webhook.post", attempts: 1 });
    expect(failing!.state).toBe("accepted");

    // Not due before its backoff (2 s, then 4 s).
    await runtime.outbox.deliverDue();
    expect(received).toHaveLength(1);
    clock.advance("PT3S");
    await runtime.outbox.deliverDue();
    expect(received).toHaveLength(2);
    clock.advance("PT3S");
    await runtime.outbox.deliverDue();
    expect(received).toHaveLength(2);
    clock.advance("PT2S");
    await runtime.outbox.deliverDue();
    expect(received).toHaveLength(3);

    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "done", attempts: 3, last_error: null });
    expect(received.map((r) => r.headers["idempotency-key"])).toEqual([row!.key, row!.key, row!.key]);
    for (const request of received) {
      expect(request.headers["x-temper-signature"]).toBe(expectedSignature(request.body));
      expect(JSON.parse(request.body)).toMatchObject({ key: row!.key, event: "quote.accepted" });
    }
    expect(await committed(id)).toEqual(before);
  });

  it("gives up after retry.attempts failures: the row is failed, GET process shows why, the transition stands", async () => {
    answers = Array.from({ length: 20 }, () => 503);
    const id = await sentQuote();
    await runtime.events.fire(system, context, "quote", id, { type: "accept" });
    const before = await committed(id);
    for (let round = 0; round < 12; round++) {
      await runtime.outbox.deliverDue();
      clock.advance("PT20M");
    }
    expect(received).toHaveLength(post.retry!.attempts!);
    expect(await outboxRow(id)).toMatchObject({ status: "failed", attempts: 10 });

    const shown = await call("GET", `/records/quote/${id}/process`);
    expect(shown.status).toBe(200);
    const [view] = (shown.body as unknown as { processes: ProcessView[] }).processes;
    expect(view).toMatchObject({
      state: "accepted",
      lastError: { source: "outbox", step: "webhook.post", attempts: 10 },
      outbox: expect.arrayContaining([
        expect.objectContaining({ step: "webhook.post", status: "failed", attempts: 10 }),
      ]),
    });
    const failed = view!.outbox.find((o) => o.step === "webhook.post");
    expect(failed!.lastError).toMatch(/answered 503 in \d+ ms: receiver is down$/);
    expect(await committed(id)).toEqual(before);
  });

  it("calls a named endpoint, and counts a network error as a failure to retry", async () => {
    const id = await sentQuote();
    await runtime.events.fire(system, context, "quote", id, { type: "decline", data: { reason: "Too expensive" } });
    await runtime.outbox.deliverDue();
    expect(received.map((r) => r.path)).toEqual(["/erp/in"]);
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      event: "quote.declined",
      process: "quote_approval",
      state: "declined",
      // What the transition's earlier action set is there, and the state entered.
      record: { decline_reason: "Too expensive", status: "declined" },
    });
    expect(received[0]!.headers["x-temper-signature"]).toBe(expectedSignature(received[0]!.body));
    const [view] = await runtime.process(system, context, "quote", id);
    expect(
      String(
        view!.timeline.filter((e) => e.kind === "note" && String(e.data.text).startsWith("webhook")).at(-1)?.data.text,
      ),
    ).toMatch(/^webhook quote\.declined delivered to erp \(127\.0\.0\.1:\d+\): 200 in \d+ ms$/);

    await call("PUT", "/plugins/webhook/settings", {
      ...settings(),
      secret: "********",
      endpoints: { erp: `http://127.0.0.1:${closedPort}/in` },
    });
    const other = await sentQuote();
    const before = await runtime.events.fire(system, context, "quote", other, {
      type: "decline",
      data: { reason: "Bought elsewhere" },
    });
    await runtime.outbox.deliverDue();
    const row = await outboxRow(other);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.last_error).toMatch(
      /^step webhook\.post failed: POST to erp \(127\.0\.0\.1:\d+\) failed after \d+ ms: .*ECONNREFUSED/,
    );

    await call("PUT", "/plugins/webhook/settings", { ...settings(), secret: "********" });
    clock.advance("PT3S");
    await runtime.outbox.deliverDue();
    expect(await outboxRow(other)).toMatchObject({ status: "done", attempts: 2 });
    expect(received.at(-1)!.headers["idempotency-key"]).toBe(row!.key);
    expect((await runtime.records(context).get(system, "quote", other)).status).toBe(before.record.status);
  });

  it("stops waiting on a receiver that does not answer when its signal is aborted", async () => {
    hang = true;
    const controller = new AbortController();
    const ctx = {
      workspace: { id: "acme", locale: "en", locales: ["en"], timezone: "UTC" },
      entity: "quote",
      process: { name: "quote_approval", state: "accepted", event: "accept" },
      record: { id: "q1" },
      user: null,
      records: {} as StepRunContext["records"],
      directory: {} as StepRunContext["directory"],
      state: {} as StepRunContext["state"],
      config: {},
      evaluate: () => true,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      idempotencyKey: "instance.key",
      now: () => clock.now(),
      settings: settings(),
      signal: controller.signal,
      timeline: () => {},
      setFields: () => {},
    } satisfies StepRunContext;
    const run = post.run(ctx, { event: "quote.accepted" });
    await expect.poll(() => received.length).toBe(1);
    controller.abort();
    await expect(run).rejects.toThrow(/^POST to 127\.0\.0\.1:\d+ failed after \d+ ms: /);
  });

  it("is the package's default export, with its secret declared", () => {
    expect(plugins).toContain(webhook);
    expect(webhook.settings?.secrets).toEqual(["secret"]);
  });
});
