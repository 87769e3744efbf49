import { describe, expect, it } from "vitest";
import type { OrgUnit, Person } from "../types";
import { filterChoices, subtree } from "./filter-choices";

const units: OrgUnit[] = [
  { code: "company", name: "Huajing", kind: "company", parent: null, depth: 0 },
  { code: "sales", name: "Sales division", kind: "department", parent: "company", depth: 1 },
  { code: "east_sales", name: "East China sales", kind: "team", parent: "sales", depth: 2 },
  { code: "north_sales", name: "North China sales", kind: "team", parent: "sales", depth: 2 },
  { code: "service", name: "Service", kind: "department", parent: "company", depth: 1 },
];

const person = (id: string, unit: string, manager: string | null, active = true): Person => ({
  id,
  username: id,
  displayName: id.replace(".", " "),
  email: null,
  roles: [],
  active,
  unit,
  manager,
});

const people = [
  person("director", "sales", null),
  person("manager", "east_sales", "director"),
  person("rep", "east_sales", "manager"),
  person("gone", "east_sales", "manager", false),
  person("north.rep", "north_sales", "director"),
  person("agent", "service", null),
];

describe("a dashboard's unit and owner choices", () => {
  it("offer a director their subtree's units and people", () => {
    expect(subtree(units, "sales")).toEqual(["sales", "east_sales", "north_sales"]);
    const choices = filterChoices(
      { id: "director", username: "director", unit: "sales" },
      units,
      people,
      new URLSearchParams(),
      "en",
    );
    expect(choices.units.map((u) => [u.code, u.depth])).toEqual([
      ["sales", 0],
      ["east_sales", 1],
      ["north_sales", 1],
    ]);
    expect(choices.owners.map((o) => o.id)).toEqual(["director", "manager", "north.rep", "rep"]);
    expect(choices.unit).toBeNull();
    expect(choices.unitPeople).toBeNull();
  });

  it("narrow the owners to the chosen unit, counting those who left, and refuse a unit outside the subtree", () => {
    const director = { id: "director", username: "director", unit: "sales" };
    const east = filterChoices(director, units, people, new URLSearchParams("unit=east_sales&owner=rep"), "en");
    expect(east.unit).toBe("east_sales");
    expect(east.unitPeople).toEqual(["manager", "rep", "gone"]);
    expect(east.owners.map((o) => o.id)).toEqual(["manager", "rep"]);
    expect(east.owner).toBe("rep");
    const outside = filterChoices(director, units, people, new URLSearchParams("unit=service&owner=agent"), "en");
    expect(outside.unit).toBeNull();
    expect(outside.owner).toBeNull();
  });

  it("offer a manager of one team its people only, and someone who manages nobody nothing", () => {
    const manager = filterChoices(
      { id: "manager", username: "manager", unit: "east_sales" },
      units,
      people,
      new URLSearchParams(),
      "en",
    );
    expect(manager.units).toEqual([]);
    expect(manager.owners.map((o) => o.id)).toEqual(["manager", "rep"]);
    const rep = filterChoices(
      { id: "rep", username: "rep", unit: "east_sales" },
      units,
      people,
      new URLSearchParams("owner=rep"),
      "en",
    );
    expect(rep).toEqual({ units: [], unit: null, unitPeople: null, owners: [], owner: null });
  });
});
