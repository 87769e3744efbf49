import { describe, expect, it } from "vitest";
import { kindOfPath, parseDefinitionTexts } from "./parse.ts";

describe("parseDefinitionTexts", () => {
  it("knows each file's kind from its folder", () => {
    expect(kindOfPath("app.json")).toBe("app");
    expect(kindOfPath("entities/customer.json")).toBe("entity");
    expect(kindOfPath("processes/a.json")).toBe("process");
    expect(kindOfPath("views/customer.json")).toBe("view");
    expect(kindOfPath("dashboards/sales.json")).toBe("dashboard");
    expect(kindOfPath("roles/rep.json")).toBe("role");
    expect(kindOfPath("README.md")).toBeNull();
    expect(kindOfPath("simulations/complaint_escalation.json")).toBeNull();
    expect(kindOfPath("entities/nested/customer.json")).toBeUndefined();
    expect(kindOfPath("misc/notes.json")).toBeUndefined();
  });

  it("warns about files the format does not have, and requires app.json", () => {
    const { files, findings } = parseDefinitionTexts([{ path: "scripts/x.json", text: "{}" }]);
    expect(files).toEqual([]);
    expect(findings.map((f) => [f.severity, f.code, f.file])).toEqual([
      ["warning", "file.unknown", "scripts/x.json"],
      ["error", "file.missing-app", "app.json"],
    ]);
  });

  it("keeps __proto__ keys as plain data", () => {
    const { files } = parseDefinitionTexts([{ path: "app.json", text: '{"__proto__": {"polluted": true}}' }]);
    expect(Object.keys(files[0]?.data as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
