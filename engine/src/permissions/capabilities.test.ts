import { describe, expect, it } from "vitest";
import { readDefinitionFolder, validateDefinitionTexts } from "../definitions/index.ts";
import { capabilitiesOf, hasCapability, rolesWithCapability } from "./capabilities.ts";
import { assertKnownRoles } from "./roles.ts";

const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
const definition = validateDefinitionTexts(texts).definition!;

describe("capabilities", () => {
  it("are the union over a user's roles", () => {
    expect(hasCapability(definition, ["sales_manager"], "manage_users")).toBe(false);
    expect(hasCapability(definition, ["sales_manager", "administrator"], "manage_users")).toBe(true);
    expect([...capabilitiesOf(definition, ["administrator"])].sort()).toEqual([
      "explain_access",
      "manage_definition",
      "manage_org",
      "manage_users",
      "view_audit",
    ]);
    expect(capabilitiesOf(definition, ["intern"]).size).toBe(0);
    expect(rolesWithCapability(definition, "manage_org")).toEqual(["administrator"]);
  });
});

describe("assertKnownRoles", () => {
  it("refuses a role the definition does not have, naming it", () => {
    expect(() => assertKnownRoles(definition, ["sales_rep"])).not.toThrow();
    expect(() => assertKnownRoles(definition, ["sales_rep", "intern"])).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        message: expect.stringMatching(/^unknown role "intern"; the roles are administrator, /),
      }),
    );
    expect(() => assertKnownRoles(undefined, ["sales_rep"])).toThrow(/nothing is published yet/);
  });
});
