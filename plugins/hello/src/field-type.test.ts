import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../../engine/src/api/app.ts";
import { validateDefinitionTexts } from "../../../engine/src/definitions/index.ts";
import { referenceCrmWith } from "../../../engine/src/plugins/testing.ts";
import { createRuntime } from "../../../engine/src/runtime/index.ts";
import { openStorage, type Storage } from "../../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../../engine/src/storage/testing.ts";
import { createWorkspace } from "../../../engine/src/storage/workspaces.ts";
import { addUser, signIn } from "../../../engine/src/users/service.ts";

/** The reference CRM with a customer's credit code of the plugin's type `type`, which sales reps may write. */
async function crmWithCreditCode(type: string) {
  return referenceCrmWith(["hello"], (path, json) => {
    if (path === "entities/customer.json")
      json.fields.push({
        name: "credit_code",
        type,
        label: { en: "Credit code", zh: "统一社会信用代码", ko: "신용 코드" },
        unique: true,
        track: true,
      });
    if (path === "roles/sales_rep.json")
      json.permissions.find((p: { entity: string }) => p.entity === "customer").fields.write.push("credit_code");
  });
}

let database: TestDatabase;
let storage: Storage;
let api: ReturnType<typeof createApi>;
let token: string;

const request = async (method: string, path: string, body?: unknown, type = "application/json") => {
  const response = await api.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const customersNamed = async (name: string) => (await request("GET", `/records/customer?name=${name}`)).body.records;

beforeAll(async () => {
  const { texts, plugins } = await crmWithCreditCode("hello.cn_credit_code");
  database = await createTestDatabase("plugin_hello_field_type");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  await addUser(storage, { workspaceId: "acme", username: "li.wei", password: "correct horse", roles: ["sales_rep"] });
  ({ token } = await signIn(storage, { workspace: "acme", username: "li.wei", password: "correct horse" }));
  api = createApi({ storage, runtime: createRuntime({ storage, plugins }) });
}, 120_000);
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("the hello plugin's field type hello.cn_credit_code", () => {
  it("makes a field of that type a text field of the definition, remembered as the plugin's", async () => {
    const { definition, valid } = validateDefinitionTexts((await crmWithCreditCode("hello.cn_credit_code")).texts);
    expect(valid).toBe(true);
    expect(definition?.entities.get("customer")?.fields.at(-1)).toMatchObject({ name: "credit_code", type: "text" });
    expect(definition?.pluginFieldTypes.get("customer.credit_code")?.type).toBe("hello.cn_credit_code");
  });

  it("is checked by the validator: a type the plugin does not declare is a finding at the field's type", async () => {
    const { findings } = validateDefinitionTexts((await crmWithCreditCode("hello.nope")).texts);
    expect(findings.filter((f) => f.severity === "error")).toEqual([
      {
        severity: "error",
        code: "ref.field-type",
        file: "entities/customer.json",
        pointer: "/fields/17/type",
        message: 'unknown field type "hello.nope"; the enabled plugins declare "hello.cn_credit_code"',
      },
    ]);
  });

  it("refuses a wrong code through the API with 422 naming the field, and writes nothing", async () => {
    const wrongDigit = await request("POST", "/records/customer", {
      name: "Fujian Wrong",
      region: "east",
      credit_code: "91350100M000100Y44",
    });
    expect(wrongDigit.status).toBe(422);
    expect(wrongDigit.body).toMatchObject({
      code: "validation_failed",
      problems: [{ field: "credit_code", code: "field_type", message: expect.stringContaining("should be 3") }],
    });
    const wrongForm = await request("POST", "/records/customer", {
      name: "Fujian Wrong",
      region: "east",
      credit_code: "91350100M0001O0Y43",
    });
    expect(wrongForm.status).toBe(422);
    expect(wrongForm.body.problems).toContainEqual(expect.objectContaining({ field: "credit_code", code: "pattern" }));
    expect(await customersNamed("Fujian Wrong")).toEqual([]);
  });

  it("stores a right code, reads it back, and refuses changing it to a wrong one", async () => {
    const created = await request("POST", "/records/customer", {
      name: "Fujian Right",
      region: "east",
      credit_code: "91350100M000100Y43",
    });
    expect(created.status).toBe(201);
    const read = await request("GET", `/records/customer/${created.body.id}`);
    expect(read.body.credit_code).toBe("91350100M000100Y43");
    const changed = await request("PATCH", `/records/customer/${created.body.id}`, {
      credit_code: "91110000802100433C",
      version: read.body.version,
    });
    expect(changed.status).toBe(422);
    expect(changed.body.problems).toEqual([expect.objectContaining({ field: "credit_code", code: "field_type" })]);
    expect((await request("GET", `/records/customer/${created.body.id}`)).body.credit_code).toBe("91350100M000100Y43");
  });

  it("refuses a wrong code in an import, naming the line and the field, and imports nothing", async () => {
    const csv =
      "name,region,credit_code\nBeijing Right,east,91110000802100433B\nBeijing Wrong,east,91110000802100433D\n";
    const imported = await request("POST", "/records/customer/import", csv, "text/csv");
    expect(imported.status).toBe(422);
    expect(imported.body.problems).toEqual([
      expect.objectContaining({ line: 3, field: "credit_code", code: "field_type" }),
    ]);
    expect(await customersNamed("Beijing Right")).toEqual([]);
  });

  it("is listed with the plugin by GET /plugins", async () => {
    const { body } = await request("GET", "/plugins");
    expect(body.plugins.find((p: { name: string }) => p.name === "hello").fieldTypes).toEqual([
      {
        type: "hello.cn_credit_code",
        description: expect.stringContaining("unified social credit code"),
        base: "text",
        schema: { pattern: expect.any(String) },
      },
    ]);
  });
});
