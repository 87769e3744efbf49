import { randomInt } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { type ApiClient, apiAs } from "./harness/api.ts";
import { useDemo, type Visit } from "./harness/demo.ts";
import { copyDefinition, type DefinitionFolder, publishToDemo, referenceCrm } from "./harness/definitions.ts";
import { signIn } from "./harness/sign-in.ts";
import { columnHeaders, tableRows } from "./harness/table.ts";

const demo = useDemo();

/** The change a consultant makes to the reference CRM's customers, and what people then read. */
const change = {
  field: "wechat_id",
  fieldLabel: { en: "WeChat ID", zh: "微信号", ko: "위챗 ID" },
  renamed: "industry",
  before: { en: "Industry", zh: "行业" },
  after: { en: "Line of business", zh: "所属行业" },
  section: "social",
  sectionLabel: { en: "Social accounts", zh: "社交账号", ko: "소셜 계정" },
  list: "all_customers",
} as const;

/** The customer form's sections as the reference CRM has them, and with the new one after the address. */
const sectionsBefore = ["Company", "Address and contact details", "Customer value", "Notes"];
const sectionsAfter = ["Company", "Address and contact details", change.sectionLabel.en, "Customer value", "Notes"];

/** The sections of the record form on the page, by their legends. */
async function formSections(page: Page): Promise<string[]> {
  return (await page.locator("main form fieldset > legend").allInnerTexts()).map((text) => text.trim());
}

/** The labels of a record page's fields, in every section. */
async function recordLabels(page: Page): Promise<string[]> {
  return (await page.locator("main section.details dt").allInnerTexts()).map((text) => text.trim());
}

function nextPatch(version: string, by: number): string {
  const [major, minor, patch] = version.split(".").map(Number);
  return `${major}.${minor}.${patch! + by}`;
}

/** The customer entity, its list view and its form as the admin reads them from `GET /definition`. */
async function publishedCustomer(admin: ApiClient) {
  const definition = await admin.get("/definition");
  const customer = definition.entities.find((e: { name: string }) => e.name === "customer");
  const fields = customer.fields as Array<{ name: string; label: Record<string, string> }>;
  return {
    version: definition.app.version as string,
    fieldNames: fields.map((f) => f.name),
    label: (name: string) => fields.find((f) => f.name === name)?.label,
    columns: customer.views.lists.find((l: { name: string }) => l.name === change.list).columns as string[],
    sections: (customer.views.forms[0].sections as Array<{ name: string; fields: unknown[] }>).map((s) => s.name),
  };
}

/** Switches the studio's language with the switch in its header, as a person does, and waits for the page in it. */
async function switchLanguage(visit: Visit, button: string, locale: string): Promise<void> {
  const { page } = visit;
  const path = new URL(page.url()).pathname;
  await Promise.all([
    page.waitForURL((url) => url.pathname === path),
    page.waitForResponse((response) => new URL(response.url()).pathname === "/language"),
    page.getByRole("button", { name: button }).click(),
  ]);
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: "attached" });
}

// What the test published and has not yet put back: put back after the tests whatever happened, for the files after this one.
let toRestore: DefinitionFolder | undefined;
afterAll(async () => {
  if (!toRestore) return;
  const run = await publishToDemo(toRestore.dir, { allowDestructive: true });
  await toRestore.remove();
  if (run.code !== 0) throw new Error(`could not publish the reference CRM back:\n${run.output}`);
});

describe("a change to the definition, published", () => {
  it("shows a renamed label, a new field, a list column and a form section on the next page load, then goes back", async () => {
    const admin = await apiAs(demo.url, "admin");
    const me = await admin.get("/me");
    expect(me.capabilities).toContain("manage_definition");
    const reference = JSON.parse(await readFile(join(referenceCrm, "app.json"), "utf8")) as { version: string };
    const referenceCustomer = JSON.parse(await readFile(join(referenceCrm, "entities/customer.json"), "utf8")) as {
      fields: Array<{ name: string }>;
    };

    // The admin reads what runs: the reference CRM as it is in its folder.
    const before = await publishedCustomer(admin);
    expect(me.workspace.version).toBe(reference.version);
    expect(before.version).toBe(reference.version);
    expect(before.fieldNames).toEqual(referenceCustomer.fields.map((f) => f.name));
    expect(before.fieldNames).not.toContain(change.field);
    expect(before.label(change.renamed)).toMatchObject(change.before);
    expect(before.columns).not.toContain(change.field);
    expect(before.sections).not.toContain(change.section);

    // The manager is at work before the publish: the studio has read the definition for his session.
    const manager = await demo.visit();
    await signIn(manager, "manager", `/customer?view=${change.list}`);
    const headersBefore = await columnHeaders(manager.page);
    expect(headersBefore).toContain(change.before.en);
    expect(headersBefore).not.toContain(change.fieldLabel.en);
    await manager.shot("before: the manager's customers");
    await manager.page.goto("/customer/new");
    expect(await formSections(manager.page)).toEqual(sectionsBefore);
    expect(await manager.page.getByLabel(change.fieldLabel.en).count()).toBe(0);
    await manager.shot("before: the new customer form", { fullPage: true });

    // The consultant changes the definition: a label, a new field, a list column, a form section; and publishes it.
    const version = nextPatch(before.version, 1);
    const changed = await copyDefinition();
    try {
      await changed.edit("app.json", (app) => (app.version = version));
      await changed.edit("entities/customer.json", (entity) => {
        const renamed = entity.fields.find((f: { name: string }) => f.name === change.renamed);
        renamed.label = { ...renamed.label, ...change.after };
        entity.fields.push({ name: change.field, type: "text", label: change.fieldLabel, maxLength: 50 });
      });
      await changed.edit("views/customer.json", (views) => {
        const list = views.lists.find((l: { name: string }) => l.name === change.list);
        list.columns.splice(list.columns.indexOf("name") + 1, 0, change.field);
        const sections = views.forms[0].sections as Array<{ name: string }>;
        sections.splice(sections.findIndex((s) => s.name === "contact_details") + 1, 0, {
          name: change.section,
          label: change.sectionLabel,
          columns: 1,
          fields: [change.field],
        } as { name: string });
      });
      toRestore = await copyDefinition();
      await toRestore.edit("app.json", (app) => (app.version = nextPatch(before.version, 2)));
      const published = await publishToDemo(changed.dir);
      expect(published.output).toContain(`plan ${before.version} → ${version}: 1 action\n`);
      expect(published.output).toContain(`+ add field customer.${change.field} (varchar(50))`);
      expect(published.output).toContain(`published ${version} to demo`);
      expect(published.code).toBe(0);
    } finally {
      await changed.remove();
    }

    const after = await publishedCustomer(admin);
    expect(after.version).toBe(version);
    expect(after.fieldNames).toContain(change.field);
    expect(after.label(change.renamed)).toMatchObject(change.after);
    expect(after.columns.slice(0, 2)).toEqual(["name", change.field]);
    expect(after.sections).toContain(change.section);

    // The manager's next page load shows it: the form he had open, reloaded, then his list.
    const { page } = manager;
    await page.reload();
    expect(await formSections(page)).toEqual(sectionsAfter);
    const social = page.getByRole("group", { name: change.sectionLabel.en });
    expect(await social.getByRole("textbox", { name: change.fieldLabel.en }).isEditable()).toBe(true);
    expect(await page.getByLabel(change.before.en, { exact: true }).count()).toBe(0);
    await manager.shot("after: the new customer form reloaded", { fullPage: true });

    await page.goto(`/customer?view=${change.list}`);
    const headersAfter = await columnHeaders(page);
    expect(headersAfter.slice(0, 2)).toEqual(["Company name", change.fieldLabel.en]);
    expect(headersAfter).toContain(change.after.en);
    expect(headersAfter).not.toContain(change.before.en);
    await manager.shot("after: the manager's customers");

    // He creates a customer with a WeChat ID, from the list's New button.
    const n = randomInt(1000, 9999);
    const customer = { name: `Ningbo Harbour Cranes ${n}`, wechat: `nbcranes_${n}` };
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/customer/new"),
      page.getByRole("link", { name: "New Customer" }).click(),
    ]);
    expect(await formSections(page)).toEqual(sectionsAfter);
    await page.getByLabel("Company name").fill(customer.name);
    await page.getByLabel("Sales region").selectOption("east");
    await page.getByLabel(change.after.en).selectOption("machinery");
    await page
      .getByRole("group", { name: change.sectionLabel.en })
      .getByLabel(change.fieldLabel.en)
      .fill(customer.wechat);
    await manager.shot("the new customer, filled in", { fullPage: true });
    await Promise.all([
      page.waitForURL((url) => /^\/customer\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole("button", { name: "Create Customer" }).click(),
    ]);
    const recordPath = new URL(page.url()).pathname;
    expect(await page.locator("h1").innerText()).toBe(customer.name);
    const shownSection = page.getByRole("region", { name: change.sectionLabel.en });
    expect(await shownSection.locator("dt").allInnerTexts()).toEqual([change.fieldLabel.en]);
    expect(await shownSection.locator("dd").innerText()).toBe(customer.wechat);
    expect(await recordLabels(page)).toContain(change.after.en);
    await manager.shot("the customer, with its WeChat ID", { fullPage: true });

    // His director signs in afresh: the list shows the new column with the value, and the record reads in Chinese.
    const director = await demo.visit();
    const search = `/customer?view=${change.list}&q=${encodeURIComponent(customer.name)}`;
    await signIn(director, "director", search);
    const rows = await tableRows(director.page);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      "Company name": customer.name,
      [change.fieldLabel.en]: customer.wechat,
      [change.after.en]: "Machinery manufacturing",
    });
    await director.shot("the director's list, with the WeChat ID column");

    await director.page.goto(recordPath);
    await switchLanguage(director, "中文", "zh");
    const chinese = director.page.getByRole("region", { name: change.sectionLabel.zh });
    expect(await chinese.locator("dt").allInnerTexts()).toEqual([change.fieldLabel.zh]);
    expect(await chinese.locator("dd").innerText()).toBe(customer.wechat);
    const labels = await recordLabels(director.page);
    expect(labels).toContain(change.after.zh);
    expect(labels).not.toContain(change.before.zh);
    await director.shot("the customer in Chinese", { fullPage: true });

    await director.page.goto(search);
    const chineseHeaders = await columnHeaders(director.page);
    expect(chineseHeaders.slice(0, 2)).toEqual(["公司名称", change.fieldLabel.zh]);
    expect(chineseHeaders).toContain(change.after.zh);
    expect(chineseHeaders).not.toContain(change.before.zh);
    await director.shot("the director's list in Chinese");

    // The reference CRM back: dropping the field loses its values, so it is refused until asked for explicitly.
    const restore = toRestore!;
    const refused = await publishToDemo(restore.dir);
    expect(refused.output).toContain(`drops the field "customer.${change.field}" and its values`);
    expect(refused.output).toContain("--allow-destructive");
    expect(refused.code).toBe(1);
    expect((await admin.get("/me")).workspace.version).toBe(version);

    const restored = await publishToDemo(restore.dir, { allowDestructive: true });
    expect(restored.output).toContain(`! drop field customer.${change.field}`);
    expect(restored.output).toContain(`published ${nextPatch(before.version, 2)} to demo`);
    expect(restored.code).toBe(0);
    toRestore = undefined;
    await restore.remove();

    const back = await publishedCustomer(admin);
    expect(back.version).toBe(nextPatch(before.version, 2));
    expect(back.fieldNames).toEqual(before.fieldNames);
    expect(back.label(change.renamed)).toEqual(before.label(change.renamed));
    expect(back.columns).toEqual(before.columns);
    expect(back.sections).toEqual(before.sections);

    await page.reload();
    expect(await page.getByRole("region", { name: change.sectionLabel.en }).count()).toBe(0);
    expect(await recordLabels(page)).toContain(change.before.en);
    await manager.shot("back: the customer without the WeChat ID section", { fullPage: true });
    await page.goto(`/customer?view=${change.list}`);
    expect(await columnHeaders(page)).toEqual(headersBefore);
    await manager.shot("back: the manager's customers");
    await director.page.goto(search);
    const chineseBack = await columnHeaders(director.page);
    expect(chineseBack).toContain(change.before.zh);
    expect(chineseBack).not.toContain(change.fieldLabel.zh);
    await director.shot("back: the director's list in Chinese");
  });
});
