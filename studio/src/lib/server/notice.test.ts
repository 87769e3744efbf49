import type { Cookies } from "@sveltejs/kit";
import { describe, expect, it } from "vitest";
import { keepNotice, noticeCookie, takeNotice } from "./notice";

/** Cookies as a map, the way the browser would send them back on the next request. */
function jar(): Cookies & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (name) => values.get(name),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
    set: (name, value) => void values.set(name, value),
    delete: (name) => void values.delete(name),
    serialize: () => "",
  };
}

const url = new URL("http://127.0.0.1/lead/new");
const notice = { entity: "lead", title: "Five-axis centres · 五轴加工中心", owner: "Wang Fang" };

describe("a saved record's notice", () => {
  it("is taken once, by its entity's list", () => {
    const cookies = jar();
    keepNotice(cookies, url, notice);
    expect(takeNotice(cookies, "customer")).toBeNull();
    expect(takeNotice(cookies, "lead")).toEqual(notice);
    expect(takeNotice(cookies, "lead")).toBeNull();
    expect(cookies.values.has(noticeCookie)).toBe(false);
  });

  it("is forgotten when it is not one the studio wrote", () => {
    const cookies = jar();
    cookies.set(noticeCookie, "{not json", { path: "/" });
    expect(takeNotice(cookies, "lead")).toBeNull();
    expect(cookies.values.has(noticeCookie)).toBe(false);
    cookies.set(noticeCookie, JSON.stringify({ entity: "lead", title: 42, owner: ["x"] }), { path: "/" });
    expect(takeNotice(cookies, "lead")).toEqual({ entity: "lead", title: "", owner: null });
  });
});
