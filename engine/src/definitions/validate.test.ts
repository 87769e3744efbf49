import { describe, expect, it } from "vitest";
import { formatFinding } from "./findings.ts";
import { type DefinitionObjects, helpdeskDefinition, toTexts } from "./testing.ts";
import { validateDefinitionTexts } from "./validate.ts";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function findingsAfter(change: (d: Record<string, Obj>) => void, severity: "error" | "warning" = "error") {
  const objects = helpdeskDefinition() as Record<string, Obj>;
  change(objects);
  const result = validateDefinitionTexts(toTexts(objects as DefinitionObjects));
  return result.findings.filter((f) => f.severity === severity).map((f) => [f.code, f.file, f.pointer, f.message]);
}

const ticket = (d: Record<string, Obj>) => d["entities/ticket.json"] as Obj;
const flow = (d: Record<string, Obj>) => d["processes/ticket_flow.json"] as Obj;

describe("validateDefinitionTexts", () => {
  it("accepts the helpdesk definition with no finding at all", () => {
    const result = validateDefinitionTexts(toTexts(helpdeskDefinition()));
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.definition?.entities.get("ticket")?.fields).toHaveLength(7);
  });

  it("reports JSON syntax errors with line and column", () => {
    const texts = toTexts(helpdeskDefinition());
    texts[1] = { path: "entities/ticket.json", text: '{\n  "name": "ticket",\n  "label": }' };
    const result = validateDefinitionTexts(texts);
    expect(result.findings.map(formatFinding)).toEqual([
      "entities/ticket.json: error json.syntax: line 3, column 12: expected a value",
    ]);
  });

  it("reports duplicate keys, which JSON.parse would silently drop", () => {
    const texts = toTexts(helpdeskDefinition());
    texts[0] = {
      path: "app.json",
      text: texts[0]!.text.replace('"id": "helpdesk",', '"id": "helpdesk", "id": "other",'),
    };
    expect(validateDefinitionTexts(texts).findings.map((f) => [f.code, f.pointer])).toEqual([
      ["json.duplicate-key", "/id"],
    ]);
  });

  it("rejects comments and trailing commas: definitions are strict JSON", () => {
    const texts = toTexts(helpdeskDefinition());
    texts[0] = { path: "app.json", text: "// note\n" + texts[0]!.text };
    expect(validateDefinitionTexts(texts).findings[0]?.code).toBe("json.syntax");
  });

  it("narrows a field's schema errors to its declared type", () => {
    expect(findingsAfter((d) => (ticket(d).fields[0].type = "txt"))).toEqual([
      ["schema.enum", "entities/ticket.json", "/fields/0/type", expect.stringContaining('did you mean "text"?')],
    ]);
    expect(findingsAfter((d) => (ticket(d).fields[0].entity = "ticket"))).toEqual([
      ["schema.unknown-property", "entities/ticket.json", "/fields/0/entity", 'unknown property "entity"'],
    ]);
    expect(findingsAfter((d) => delete ticket(d).fields[5].entity)).toEqual([
      ["schema.required", "entities/ticket.json", "/fields/5", 'missing required property "entity"'],
    ]);
  });

  it("explains names that are not snake_case and durations that are not ISO-8601", () => {
    expect(findingsAfter((d) => (ticket(d).fields[1].name = "Status"))[0]?.slice(0, 3)).toEqual([
      "schema.pattern",
      "entities/ticket.json",
      "/fields/1/name",
    ]);
    expect(
      findingsAfter((d) => {
        const state = flow(d).states.open;
        state.after = { "24h": state.after.PT24H };
      })[0]?.[0],
    ).toBe("schema.pattern");
  });

  it("reports a malformed transition object at its bad property, not at the union", () => {
    expect(findingsAfter((d) => (flow(d).states.open.on.close.targt = "closed"))).toEqual([
      [
        "schema.unknown-property",
        "processes/ticket_flow.json",
        "/states/open/on/close/targt",
        'unknown property "targt"; did you mean "target"?',
      ],
    ]);
    expect(findingsAfter((d) => (flow(d).states.open.on.close = 42))).toEqual([
      ["schema.type", "processes/ticket_flow.json", "/states/open/on/close", expect.stringContaining("not a number")],
    ]);
  });

  it("requires each file to be named after what it declares", () => {
    expect(findingsAfter((d) => (ticket(d).name = "case"))).toContainEqual([
      "file.name-mismatch",
      "entities/ticket.json",
      "/name",
      'declares the entity "case", so the file must be entities/case.json',
    ]);
  });

  it("resolves references across files with suggestions", () => {
    expect(findingsAfter((d) => (ticket(d).fields[5].entity = "tickt"))).toEqual([
      ["ref.entity", "entities/ticket.json", "/fields/5/entity", 'unknown entity "tickt"; did you mean "ticket"?'],
    ]);
    expect(findingsAfter((d) => (flow(d).states.open.on.close.target = "clsoed"))).toEqual([
      [
        "ref.state",
        "processes/ticket_flow.json",
        "/states/open/on/close/target",
        'unknown state "clsoed"; did you mean "closed"?',
      ],
    ]);
    expect(findingsAfter((d) => (d["roles/agent.json"]!.permissions[0].fields.write[1] = "amt"))).toEqual([
      ["ref.field", "roles/agent.json", "/permissions/0/fields/write/1", expect.stringContaining('has no field "amt"')],
    ]);
    expect(findingsAfter((d) => (d["roles/agent.json"]!.permissions[0].events.ticket_flow[0] = "shut"))).toEqual([
      [
        "ref.event",
        "roles/agent.json",
        "/permissions/0/events/ticket_flow/0",
        'the process "ticket_flow" has no event "shut"',
      ],
    ]);
  });

  it("finds timers that target missing states, unreachable states and dead ends", () => {
    expect(findingsAfter((d) => (flow(d).states.open.after.PT24H.target = "gone"))).toEqual([
      ["ref.state", "processes/ticket_flow.json", "/states/open/after/PT24H/target", 'unknown state "gone"'],
    ]);
    expect(findingsAfter((d) => (flow(d).states.limbo = { label: { en: "Limbo" }, on: { close: "closed" } }))).toEqual([
      [
        "process.state-field",
        "processes/ticket_flow.json",
        "/stateField",
        'the options of "status" lack the state "limbo"',
      ],
      ["process.unreachable-state", "processes/ticket_flow.json", "/states/limbo", expect.any(String)],
    ]);
    expect(
      findingsAfter((d) => {
        delete flow(d).states.closed.type;
      }),
    ).toEqual([
      ["process.dead-end", "processes/ticket_flow.json", "/states/closed", expect.stringContaining("not final")],
    ]);
  });

  it("type-checks CEL with the entity's fields in scope", () => {
    expect(findingsAfter((d) => (ticket(d).fields[4].expression = "record.amont * 2.0"))).toEqual([
      [
        "expression.type",
        "entities/ticket.json",
        "/fields/4/expression",
        expect.stringContaining("No such key: amont"),
      ],
    ]);
    expect(
      findingsAfter((d) => (ticket(d).fields[4].expression = "record.amount * record.probability / 100"))[0]?.[3],
    ).toContain("write 100.0, not 100");
    expect(findingsAfter((d) => (flow(d).states.open.on.close.guard.params.expression = "record.subject"))).toEqual([
      [
        "expression.result-type",
        "processes/ticket_flow.json",
        "/states/open/on/close/guard/params/expression",
        expect.stringContaining("yields string"),
      ],
    ]);
    expect(
      findingsAfter(
        (d) => (d["views/ticket.json"]!.forms[0].sections[0].fields[2].visibleWhen = "record.status =="),
      )[0]?.[0],
    ).toBe("expression.syntax");
  });

  it("checks steps, their params and the people rules they name", () => {
    expect(findingsAfter((d) => (flow(d).states.open.on.close.actions[0].type = "set_field"))[0]?.slice(0, 3)).toEqual([
      "ref.step",
      "processes/ticket_flow.json",
      "/states/open/on/close/actions/0/type",
    ]);
    expect(
      findingsAfter((d) => (flow(d).states.open.on.close.actions[0].params.fields = { probability: "high" })),
    ).toEqual([
      [
        "field.type-mismatch",
        "processes/ticket_flow.json",
        "/states/open/on/close/actions/0/params/fields/probability",
        expect.any(String),
      ],
    ]);
    expect(
      findingsAfter((d) => (flow(d).states.open.after.PT24H.actions[0].params.to[0].type = "boss"))[0]?.slice(0, 3),
    ).toEqual(["ref.people", "processes/ticket_flow.json", "/states/open/after/PT24H/actions/0/params/to/0/type"]);
    expect(findingsAfter((d) => (flow(d).states.open.on.close.actions[0].type = "sms.send"))[0]?.[0]).toBe(
      "ref.plugin",
    );
    // Loaded in this engine (the reference CRM enables it) but not enabled by this definition.
    expect(findingsAfter((d) => (flow(d).states.open.on.close.actions[0].type = "assignment.assign"))[0]?.[0]).toBe(
      "ref.plugin",
    );
  });

  it("warns about labels missing one of the app's locales", () => {
    expect(findingsAfter((d) => (d["app.json"]!.locales = ["en", "zh"]), "warning").length).toBeGreaterThan(10);
    expect(findingsAfter((d) => (d["app.json"]!.locales = ["en", "zh"]), "warning")[0]).toEqual([
      "label.missing-locale",
      "app.json",
      "/label",
      'no text for "zh"',
    ]);
  });

  it("never throws on garbage", () => {
    for (const text of ["", "null", "[]", '"x"', "{}", '{"fields": 3}']) {
      const result = validateDefinitionTexts([
        { path: "app.json", text },
        { path: "entities/x.json", text },
        { path: "processes/x.json", text },
      ]);
      expect(result.valid).toBe(false);
      expect(result.findings.every((f) => f.code !== "internal.error")).toBe(true);
    }
  });
});
