import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plugin } from "@temper/plugin-sdk";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pluginTypes } from "../../../engine/src/cli/plugin.ts";
import { readDefinitionFolder } from "../../../engine/src/definitions/index.ts";
import { installPlugins } from "../../../engine/src/plugins/install.ts";
import { setPluginSettings } from "../../../engine/src/plugins/settings.ts";
import type { Actor, WorkspaceContext } from "../../../engine/src/records/service.ts";
import { manualClock } from "../../../engine/src/runtime/clock.ts";
import { createRuntime, type Runtime } from "../../../engine/src/runtime/index.ts";
import { openStorage, type Storage } from "../../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../../engine/src/storage/testing.ts";
import { currentVersion } from "../../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../../engine/src/storage/workspaces.ts";

const label = (en: string) => ({ en, zh: en, ko: en });

/**
 * The reference CRM with messaging enabled: sending a quote emails its
 * contact; a sent quote can text the contact or email every purchasing
 * contact of its customer. Contacts get a locale (the reference CRM has none).
 */
async function definitionTexts() {
  const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
  return texts.map(({ path, text }) => {
    const json = JSON.parse(text);
    if (path === "app.json") json.plugins = ["messaging"];
    if (path === "entities/contact.json")
      json.fields.push({
        name: "locale",
        type: "enum",
        label: label("Language"),
        options: ["en", "zh", "ko"].map((value) => ({ value, label: label(value) })),
      });
    if (path === "processes/quote_approval.json") {
      json.states.approved.on.send.actions.push({
        type: "messaging.send_email",
        params: { template: "quote_sent", to: "contact" },
      });
      json.events.text_contact = { label: label("Text the contact") };
      json.events.announce = { label: label("Announce to purchasing") };
      json.states.sent.on.text_contact = {
        actions: [{ type: "messaging.send_sms", params: { template: "quote_sent", to: "contact" } }],
      };
      json.states.sent.on.announce = {
        actions: [
          {
            type: "messaging.send_bulk",
            params: {
              template: "price_update",
              channel: "email",
              filter: { customer: "{{record.customer}}", department: "Purchasing" },
            },
          },
        ],
      };
    }
    return { path, text: JSON.stringify(json) };
  });
}

const templates = {
  quote_sent: {
    email: {
      subject: { en: "Quote {{record.number}}", zh: "报价单 {{record.number}}", ko: "견적 {{record.number}}" },
      body: {
        en: "Dear {{contact.name}}, please find quote {{record.number}} for {{customer.name}}.",
        zh: "{{contact.name}}，您好：附上{{customer.name}}的报价单 {{record.number}}。",
        ko: "{{contact.name}}님, {{customer.name}} 견적 {{record.number}}를 보내 드립니다.",
      },
    },
    sms: { body: { en: "Quote {{record.number}} is on its way", ko: "견적 {{record.number}}를 발송했습니다" } },
  },
  price_update: {
    email: { subject: { en: "New prices" }, body: { en: "Dear {{contact.name}}, our prices change." } },
  },
};

let database: TestDatabase;
let storage: Storage;
let runtime: Runtime;
let context: WorkspaceContext;
let system: Actor;
let messaging: Plugin;
let smtp: SMTPServer;
let folder: string;
let refuse = false;
const received: ParsedMail[] = [];
const clock = manualClock(new Date("2026-03-02T09:00:00Z"));

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === "crm" && auth.password === "s3cret") done(null, { user: "crm" });
      else done(new Error("bad credentials"));
    },
    onRcptTo(_address, _session, done) {
      done(refuse ? Object.assign(new Error("mailbox unavailable"), { responseCode: 450 }) : undefined);
    },
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  folder = await mkdtemp(join(tmpdir(), "temper-messaging-"));

  [messaging] = (await installPlugins(["messaging"])) as [Plugin];
  database = await createTestDatabase("plugin_messaging");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  await publishDefinition(storage, { workspaceId: "acme", texts: await definitionTexts(), publishedBy: "cli:test" });
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  runtime = createRuntime({ storage, clock, plugins: [messaging] });
  const port = (smtp.server.address() as AddressInfo).port;
  const shown = await setPluginSettings(
    storage.sql,
    messaging,
    "acme",
    {
      smtp: { host: "127.0.0.1", port, secure: false, user: "crm" },
      smtpPassword: "s3cret",
      from: "Acme Sales <sales@acme.example>",
      templates,
      sms: { provider: "file", path: join(folder, "sms.jsonl") },
    },
    "admin",
  );
  expect(shown.smtpPassword).toBe("********");
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  await storage?.close();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});
beforeEach(() => {
  received.length = 0;
  refuse = false;
});

let serial = 0;

/** A customer with one contact, and an approved quote to it. */
async function approvedQuote(contact: Record<string, unknown>) {
  const records = runtime.records(context);
  serial += 1;
  const customer = await records.create(system, "customer", { name: `Doosan ${serial}`, region: "east" });
  const person = await records.create(system, "contact", { customer: customer.id, ...contact });
  const opportunity = await records.create(system, "opportunity", {
    name: "Compressors",
    customer: customer.id,
    amount: 500_000,
    expected_close: "2026-06-30",
  });
  const quote = await records.create(system, "quote", {
    number: `Q-${serial}`,
    name: "Compressors",
    opportunity: opportunity.id,
    customer: customer.id,
    contact: person.id,
    subtotal: 500_000,
    discount: 5,
    valid_until: "2026-04-30",
  });
  const id = String(quote.id);
  expect((await runtime.events.fire(system, context, "quote", id, { type: "submit" })).state).toBe("approved");
  return { id, customer: String(customer.id), contact: String(person.id) };
}

const activitiesOf = (customer: string) =>
  runtime.records(context).list(system, "activity", { filters: [{ field: "customer", op: "eq", value: customer }] });
const timelineOf = async (id: string) =>
  (await runtime.process(system, context, "quote", id))[0]!.timeline.map((e) => e.data.text).filter(Boolean);

describe("the messaging plugin", () => {
  it("types its params and settings with the TypeScript generated from its schemas", async () => {
    const written = await readFile(new URL("./generated/types.ts", import.meta.url), "utf8");
    expect(written).toBe(await pluginTypes("messaging"));
  });

  it("emails the quote's contact in their locale after the transition commits, and archives it as an activity", async () => {
    const quote = await approvedQuote({ name: "Li Wei", email: "li.wei@doosan.example", locale: "zh" });
    await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    expect(received).toEqual([]);
    expect((await runtime.outbox.deliverDue()).delivered).toBeGreaterThanOrEqual(1);

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.to).toMatchObject({ text: "li.wei@doosan.example" });
    expect(mail!.from).toMatchObject({ text: '"Acme Sales" <sales@acme.example>' });
    expect(mail!.subject).toBe(`报价单 Q-${serial}`);
    expect(mail!.text?.trim()).toBe(`Li Wei，您好：附上Doosan ${serial}的报价单 Q-${serial}。`);
    const key = mail!.headers.get("x-temper-idempotency-key");
    expect(key).toEqual(expect.any(String));

    const { records } = await activitiesOf(quote.customer);
    const emails = records.filter((a) => a.kind === "email");
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ subject: `Email: 报价单 Q-${serial}`, contact: quote.contact });
    expect(String(emails[0]!.notes)).toContain("Delivery status: sent (250");
    expect(String(emails[0]!.notes)).toContain(`Idempotency key: ${String(key)}`);
    expect(await timelineOf(quote.id)).toContain(`Sent email "quote_sent" to Li Wei <li.wei@doosan.example>`);
  });

  it("sends nothing to a contact who opted out of email, and the timeline says why", async () => {
    const quote = await approvedQuote({ name: "Park", email: "park@doosan.example", email_opt_out: true });
    await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    await runtime.outbox.deliverDue();
    expect(received).toEqual([]);
    expect((await activitiesOf(quote.customer)).records.filter((a) => a.kind === "email")).toEqual([]);
    expect(await timelineOf(quote.id)).toContain(`Did not send email "quote_sent" to Park: opted out of email`);
  });

  it("texts through the SMS provider: a JSON line in the file, in the contact's locale", async () => {
    const quote = await approvedQuote({ name: "Kim", mobile: "+82 10 1234 5678", locale: "ko", email_opt_out: true });
    await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    await runtime.events.fire(system, context, "quote", quote.id, { type: "text_contact" });
    await runtime.outbox.deliverDue();
    const lines = (await readFile(join(folder, "sms.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ to: "+82 10 1234 5678", body: `견적 Q-${serial}를 발송했습니다` });
    const notes = (await activitiesOf(quote.customer)).records.filter((a) => a.kind === "note");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ contact: quote.contact, subject: `SMS: 견적 Q-${serial}를 발송했습니다` });
  });

  it("bulk-emails exactly the filtered contacts who did not opt out or unsubscribe, archiving each", async () => {
    const quote = await approvedQuote({ name: "Choi", department: "Purchasing", email: "choi@doosan.example" });
    const records = runtime.records(context);
    const add = (values: Record<string, unknown>) =>
      records.create(system, "contact", { customer: quote.customer, department: "Purchasing", ...values });
    await add({ name: "Jung", email: "jung@doosan.example" });
    await add({ name: "Kang", email: "kang@doosan.example", unsubscribed: true });
    await add({ name: "Yoon", email: "yoon@doosan.example", email_opt_out: true });
    await add({ name: "Lim", email: "lim@doosan.example", department: "Engineering" });
    const elsewhere = await records.create(system, "customer", { name: "Hyundai", region: "east" });
    await records.create(system, "contact", {
      customer: elsewhere.id,
      name: "Han",
      department: "Purchasing",
      email: "han@hyundai.example",
    });
    await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    await runtime.outbox.deliverDue();
    received.length = 0;

    await runtime.events.fire(system, context, "quote", quote.id, { type: "announce" });
    await runtime.outbox.deliverDue();
    expect(received.map((m) => (m.to as { text: string }).text).sort()).toEqual([
      "choi@doosan.example",
      "jung@doosan.example",
    ]);
    expect(received.every((m) => m.subject === "New prices")).toBe(true);
    const archived = (await activitiesOf(quote.customer)).records.filter((a) => a.subject === "Email: New prices");
    expect(archived).toHaveLength(2);
    const timeline = await timelineOf(quote.id);
    expect(timeline).toContain(`Did not send email "price_update" to Kang: unsubscribed from marketing`);
    expect(timeline).toContain(`Did not send email "price_update" to Yoon: opted out of email`);
    expect(timeline).toContain(`Bulk email "price_update": sent 2, 2 opted out, 0 without an address`);
  });

  it("retries from the outbox when the SMTP server refuses, leaving the committed transition intact", async () => {
    const quote = await approvedQuote({ name: "Seo", email: "seo@doosan.example" });
    refuse = true;
    const fired = await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    expect(fired.state).toBe("sent");
    expect((await runtime.outbox.deliverDue()).retried).toBe(1);
    expect(received).toEqual([]);
    const [failed] = await runtime.process(system, context, "quote", quote.id);
    expect(failed).toMatchObject({ state: "sent", lastError: { source: "outbox", step: "messaging.send_email" } });
    expect(await runtime.records(context).get(system, "quote", quote.id)).toMatchObject({
      status: "sent",
      sent_on: "2026-03-02",
    });
    expect((await activitiesOf(quote.customer)).records.filter((a) => a.kind === "email")).toEqual([]);

    refuse = false;
    clock.advance("PT5S");
    expect((await runtime.outbox.deliverDue()).delivered).toBe(1);
    expect(received.map((m) => m.subject)).toEqual([`Quote Q-${serial}`]);
    expect((await activitiesOf(quote.customer)).records.filter((a) => a.kind === "email")).toHaveLength(1);
    expect((await runtime.records(context).get(system, "quote", quote.id)).status).toBe("sent");
  });
});
