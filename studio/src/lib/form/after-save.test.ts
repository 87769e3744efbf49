import { describe, expect, it } from "vitest";
import { afterSave } from "./after-save";

const rep = "u-rep";
const colleague = "u-wang";
const names = new Map([
  [rep, "Li Wei"],
  [colleague, "Wang Fang"],
]);
const lead = { id: "l-1", name: "Five-axis centres for Jiaxing", owner: colleague };
const saved = (record: Record<string, unknown>, readable: boolean) =>
  afterSave({
    entity: "lead",
    record: { id: "l-1", ...record },
    titleField: "name",
    readable,
    me: rep,
    names,
  });

describe("afterSave", () => {
  it("goes to the record when the user may still read it, whoever owns it", () => {
    expect(saved(lead, true)).toEqual({ location: "/lead/l-1", notice: null });
    expect(saved({ ...lead, owner: rep }, true)).toEqual({ location: "/lead/l-1", notice: null });
  });

  it("goes to the list with the title and the new owner when the record went to a colleague", () => {
    expect(saved(lead, false)).toEqual({
      location: "/lead",
      notice: { entity: "lead", title: "Five-axis centres for Jiaxing", owner: "Wang Fang" },
    });
  });

  it("names nobody when the user still owns the record or the owner is unknown", () => {
    expect(saved({ ...lead, owner: rep }, false).notice).toEqual({
      entity: "lead",
      title: "Five-axis centres for Jiaxing",
      owner: null,
    });
    expect(saved({ ...lead, owner: "u-gone" }, false).notice?.owner).toBeNull();
    expect(saved({ name: "No owner field" }, false).notice?.owner).toBeNull();
  });

  it("leaves the title empty when the record has none", () => {
    expect(saved({ owner: colleague }, false).notice).toEqual({ entity: "lead", title: "", owner: "Wang Fang" });
  });
});
