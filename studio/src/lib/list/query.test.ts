import { describe, expect, it } from "vitest";
import { customer } from "../testing";
import { pickView } from "./columns";
import { apiListParams, filterParams, listHref, savedQuery, viewFilterParams } from "./query";

describe("the API query of a list", () => {
  const entity = customer();
  const view = pickView(entity, "mine");

  it("turns the view's filters into the list query language", () => {
    expect(viewFilterParams(entity, view, "u-1")).toEqual([
      ["owner.eq", "u-1"],
      ["region.in", "east,north"],
    ]);
    const team = {
      ...view,
      filters: [
        { field: "team", op: "is_current_user" as const },
        { field: "notes", op: "empty" as const },
      ],
    };
    expect(viewFilterParams(entity, team, "u-1")).toEqual([
      ["team.contains", "u-1"],
      ["notes.empty", "true"],
    ]);
  });

  it("adds the user's filters, sort, search, cursor and the view's page size", () => {
    const params = new URLSearchParams("view=mine&annual_revenue.gte=1000&sort=-name&q=ha&cursor=abc&trail=x");
    expect(apiListParams(entity, view, params, "u-1", { paging: true }).toString()).toBe(
      "owner.eq=u-1&region.in=east%2Cnorth&annual_revenue.gte=1000&sort=-name&q=ha&cursor=abc&limit=25",
    );
  });

  it("leaves paging out of an export, and a search too short to run", () => {
    const params = new URLSearchParams("q=h&cursor=abc");
    expect(apiListParams(entity, view, params, "u-1", { paging: false }).toString()).toBe(
      "owner.eq=u-1&region.in=east%2Cnorth&sort=name",
    );
  });

  it("reads filters from the address, equals by default", () => {
    expect(filterParams(new URLSearchParams("view=all&region=east&since.gte=2026-01-01&sort=name"))).toEqual([
      { key: "region", field: "region", op: "eq", value: "east" },
      { key: "since.gte", field: "since", op: "gte", value: "2026-01-01" },
    ]);
  });

  it("saves filters, sort and search, but neither the view nor the page", () => {
    expect(savedQuery(new URLSearchParams("view=all&region=east&cursor=c&trail=t&sort=-name&q=han"))).toBe(
      "region=east&sort=-name&q=han",
    );
  });

  it("links back to the first page when something changes", () => {
    const url = new URL("http://studio/customer?view=all&region=east&cursor=c2&trail=c1");
    expect(listHref(url, { sort: "-name" })).toBe("/customer?view=all&region=east&sort=-name");
    expect(listHref(url, { region: null })).toBe("/customer?view=all");
  });
});
