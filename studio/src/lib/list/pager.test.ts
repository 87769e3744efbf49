import { describe, expect, it } from "vitest";
import { pagerOf } from "./pager";

describe("pagerOf", () => {
  const url = (search: string) => new URL(`http://studio/customer${search}`);

  it("goes forward with the API's cursor and keeps the way back in the address", () => {
    expect(pagerOf(url("?view=all"), "c1")).toEqual({ page: 1, next: "/customer?view=all&cursor=c1" });
    expect(pagerOf(url("?view=all&cursor=c1"), "c2")).toEqual({
      page: 2,
      first: "/customer?view=all",
      previous: "/customer?view=all",
      next: "/customer?view=all&cursor=c2&trail=c1",
    });
    expect(pagerOf(url("?cursor=c3&trail=c1.c2"), undefined)).toEqual({
      page: 4,
      first: "/customer",
      previous: "/customer?cursor=c2&trail=c1",
    });
  });
});
