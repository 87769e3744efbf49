import { definePlugin } from "@temper/plugin-sdk";
import { describe, expect, it } from "vitest";
import { referenceCrmWith } from "../../plugins/testing.ts";
import { validateDefinitionTexts } from "../validate.ts";

const tiers = definePlugin({
  name: "tiers",
  version: "1.0.0",
  steps: [],
  config: {
    schema: {
      type: "object",
      required: ["entity", "tiers"],
      properties: { entity: { type: "string" }, tiers: { type: "array", items: { type: "string" }, minItems: 1 } },
      additionalProperties: false,
    },
    check: (config, definition) =>
      definition.entities[String(config.entity)]
        ? []
        : [{ pointer: "/entity", message: `no entity "${config.entity}"` }],
  },
});

const errorsOf = (texts: Array<{ path: string; text: string }>) =>
  validateDefinitionTexts(texts)
    .findings.filter((f) => f.severity === "error")
    .map((f) => [f.file, f.pointer, f.code, f.message]);

describe("plugins' configurations in a definition", () => {
  it("checks plugins/<plugin>.json against the plugin's schema and its own checks, naming the pointer", async () => {
    const ok = await referenceCrmWith([tiers]);
    const file = (config: unknown) => [...ok.texts, { path: "plugins/tiers.json", text: JSON.stringify(config) }];
    expect(errorsOf(file({ entity: "customer", tiers: ["gold"] }))).toEqual([]);
    expect(errorsOf(file({ entity: "customer", tiers: [] }))).toEqual([
      ["plugins/tiers.json", "/tiers", "config.invalid", expect.stringContaining('"tiers"')],
    ]);
    expect(errorsOf(file({ entity: "custmer", tiers: ["gold"] }))).toEqual([
      ["plugins/tiers.json", "/entity", "config.invalid", 'no entity "custmer"'],
    ]);
  });

  it("requires the file when the plugin's schema requires settings, and refuses files of plugins not enabled or without a configuration", async () => {
    const { texts } = await referenceCrmWith([tiers]);
    expect(errorsOf(texts)).toEqual([
      [
        "app.json",
        expect.stringMatching(/^\/plugins\/\d+$/),
        "config.invalid",
        expect.stringContaining("plugins/tiers.json"),
      ],
    ]);
    const strays = [
      ...texts,
      { path: "plugins/tiers.json", text: '{ "entity": "customer", "tiers": ["gold"] }' },
      { path: "plugins/assignment.json", text: "{}" },
      { path: "plugins/webhook.json", text: "{}" },
    ];
    expect(errorsOf(strays)).toEqual([
      ["plugins/assignment.json", "", "ref.plugin", 'the plugin "assignment" takes no configuration'],
      ["plugins/webhook.json", "", "ref.plugin", expect.stringContaining("which app.json does not list")],
    ]);
  });
});
