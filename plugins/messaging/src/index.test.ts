import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plugin } from "@temper/plugin-sdk";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pluginTypes } from "../../../engine/src/cli/plugin.ts";
import { validateDefinitionTexts } from "../../../engine/src/definitions/index.ts";
import { referenceCrmWith } from "../../../engine/src/plugins/testing.ts";
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
 * The reference CRM as it is (sending a quote emails its contact, in the
 * contact's locale, with the CRM's own templates), plus two events for the
 * test: a sent quote can text the contact or email every purchasing contact
 * of its customer.
 */
async function definitionTexts(patch: NonNullable<Parameters<typeof referenceCrmWith>[1]> = () => {}) {
  return referenceCrmWith([], (path, json) => {
    if (path === "processes/quote_approval.json") {
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
    patch(path, json);
  });
}

let database: TestDatabase;
let storage: Storage;
let runtime: Runtime;
let context: WorkspaceContext;
/** A workspace on the same definition whose messaging settings were never set (a fresh one, the demo). */
let bare: WorkspaceContext;
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

  database = await createTestDatabase("plugin_messaging");
  storage = await openStorage(database.url, { max: 4 });
  const { texts, plugins } = await definitionTexts();
  messaging = plugins.find((p) => p.name === "messaging")!;
  for (const workspaceId of ["acme", "bare"]) {
    await createWorkspace(storage, workspaceId);
    await publishDefinition(storage, { workspaceId, texts, publishedBy: "cli:test" });
  }
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  bare = { workspaceId: "bare", schema: "ws_bare", definition: (await currentVersion(storage, "bare"))!.definition };
  runtime = createRuntime({ storage, clock, plugins });
  const port = (smtp.server.address() as AddressInfo).port;
  const shown = await setPluginSettings(
    storage.sql,
    messaging,
    "acme",
    {
      smtp: { host: "127.0.0.1", port, secure: false, user: "crm" },
      smtpPassword: "s3cret",
      from: "Acme Sales <sales@acme.example>",
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

/** A customer with one contact, and an approved quote to it (500,000 less 5%), or to nobody. */
async function approvedQuote(contact: Record<string, unknown> | null, workspace = context) {
  const records = runtime.records(workspace);
  serial += 1;
  const customer = await records.create(system, "customer", { name: `Doosan ${serial}`, region: "east" });
  const person = contact ? await records.create(system, "contact", { customer: customer.id, ...contact }) : null;
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
    contact: person?.id ?? null,
    subtotal: 500_000,
    discount: 5,
    valid_until: "2026-04-30",
  });
  const id = String(quote.id);
  expect((await runtime.events.fire(system, workspace, "quote", id, { type: "submit" })).state).toBe("approved");
  return { id, customer: String(customer.id), contact: String(person?.id) };
}

const activitiesOf = (customer: string, workspace = context) =>
  runtime.records(workspace).list(system, "activity", { filters: [{ field: "customer", op: "eq", value: customer }] });
const timelineOf = async (id: string, workspace = context) =>
  (await runtime.process(system, workspace, "quote", id))[0]!.timeline.map((e) => e.data.text).filter(Boolean);

describe("the messaging plugin", () => {
  it("types its params, configuration and settings with the TypeScript generated from its schemas", async () => {
    const written = await readFile(new URL("./generated/types.ts", import.meta.url), "utf8");
    expect(written).toBe(await pluginTypes("messaging"));
  });

  it("is checked by the validator: a placeholder naming a field the contact or customer lacks names its pointer", async () => {
    const { texts } = await definitionTexts((path, json) => {
      if (path !== "plugins/messaging.json") return;
      json.templates.quote_sent.sms.body.en = "Dear {{contact.full_name}}, quote {{record.number}} is on its way";
      json.templates.price_update.email.subject.zh = "{{customer.name}} {{quote.number}}";
    });
    const errors = validateDefinitionTexts(texts).findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.file, f.pointer, f.message])).toEqual([
      [
        "plugins/messaging.json",
        "/templates/price_update/email/subject/zh",
        "{{quote.number}}: a placeholder names record, contact or customer",
      ],
      [
        "plugins/messaging.json",
        "/templates/quote_sent/sms/body/en",
        '{{contact.full_name}}: the contact entity has no field "full_name"',
      ],
    ]);
  });

  it("emails the reference CRM's quote to its contact in their locale when it is sent, archived on the customer's activities", async () => {
    const quote = await approvedQuote({ name: "Li Wei", email: "li.wei@doosan.example", locale: "zh" });
    await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    expect(received).toEqual([]);
    expect((await runtime.outbox.deliverDue()).delivered).toBeGreaterThanOrEqual(1);

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.to).toMatchObject({ text: "li.wei@doosan.example" });
    expect(mail!.from).toMatchObject({ text: '"Acme Sales" <sales@acme.example>' });
    expect(mail!.subject).toBe(`报价单 Q-${serial}：Compressors`);
    const lines = mail!.text!.trim().split("\n");
    expect(lines[0]).toBe("尊敬的Li Wei：");
    expect(lines).toEqual(
      expect.arrayContaining([
        `您好！感谢贵司对我司设备的关注。现将Doosan ${serial}的报价发送给您，主要信息如下：`,
        `报价单号：Q-${serial}`,
        "报价总额：475000 元（人民币）",
        "有效期至：2026-04-30",
      ]),
    );
    const key = mail!.headers.get("x-temper-idempotency-key");
    expect(key).toEqual(expect.any(String));

    const { records } = await activitiesOf(quote.customer);
    const emails = records.filter((a) => a.kind === "email");
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ subject: `Email: 报价单 Q-${serial}：Compressors`, contact: quote.contact });
    expect(String(emails[0]!.notes)).toContain("Delivery status: sent (250");
    expect(String(emails[0]!.notes)).toContain(`Idempotency key: ${String(key)}`);
    expect(String(emails[0]!.notes)).toContain("报价总额：475000 元（人民币）");
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

  it("sends nothing where the workspace has no SMTP server or SMS provider, says so, and does not retry", async () => {
    const quote = await approvedQuote({ name: "Kim", email: "kim@doosan.example", mobile: "+82 10 5555 0101" }, bare);
    expect((await runtime.events.fire(system, bare, "quote", quote.id, { type: "send" })).state).toBe("sent");
    await runtime.events.fire(system, bare, "quote", quote.id, { type: "text_contact" });
    expect(await runtime.outbox.deliverDue()).toMatchObject({ delivered: 2, retried: 0 });

    expect(received).toEqual([]);
    const timeline = await timelineOf(quote.id, bare);
    expect(timeline).toContain(
      'Did not send email "quote_sent" to Kim: no SMTP server is configured for this workspace (temper plugin settings messaging)',
    );
    expect(timeline).toContain(
      'Did not send SMS "quote_sent" to Kim: no SMS provider is configured for this workspace (temper plugin settings messaging)',
    );
    const rows = await storage.sql`select step, status, attempts, last_error from temper.outbox
      where workspace_id = 'bare' and step like 'messaging.%' order by step`;
    expect(rows).toEqual([
      { step: "messaging.send_email", status: "done", attempts: 1, last_error: null },
      { step: "messaging.send_sms", status: "done", attempts: 1, last_error: null },
    ]);
    const [view] = await runtime.process(system, bare, "quote", quote.id);
    expect(view).toMatchObject({ state: "sent", lastError: null });
    expect((await activitiesOf(quote.customer, bare)).records.filter((a) => a.kind !== "system")).toEqual([]);
  });

  it("sends nothing, without retrying, when the quote is addressed to no contact", async () => {
    const quote = await approvedQuote(null);
    await runtime.events.fire(system, context, "quote", quote.id, { type: "send" });
    expect((await runtime.outbox.deliverDue()).retried).toBe(0);
    expect(received).toEqual([]);
    expect(await timelineOf(quote.id)).toContain('Did not send email "quote_sent": the quote has no contact');
    expect((await runtime.process(system, context, "quote", quote.id))[0]).toMatchObject({ lastError: null });
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
    const body = `Kim님, Doosan ${serial} 앞 견적서(번호 Q-${serial}, 합계 CNY 475000, 유효 기한 2026-04-30)를 이메일로 보내 드렸습니다.`;
    expect(lines.at(-1)).toMatchObject({ to: "+82 10 1234 5678", body });
    const notes = (await activitiesOf(quote.customer)).records.filter((a) => a.kind === "note");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ contact: quote.contact, subject: `SMS: ${body.slice(0, 59)}…` });
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
    const subject = `Price list update for Doosan ${serial}`;
    expect(received.map((m) => m.subject)).toEqual([subject, subject]);
    expect(received.map((m) => m.text?.split("\n")[0]).sort()).toEqual(["Dear Choi,", "Dear Jung,"]);
    const archived = (await activitiesOf(quote.customer)).records.filter((a) => a.subject === `Email: ${subject}`);
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
    expect(received.map((m) => m.subject)).toEqual([`Quotation Q-${serial}: Compressors`]);
    expect((await activitiesOf(quote.customer)).records.filter((a) => a.kind === "email")).toHaveLength(1);
    expect((await runtime.records(context).get(system, "quote", quote.id)).status).toBe("sent");
  });
});
