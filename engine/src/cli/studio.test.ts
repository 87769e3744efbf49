import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeListener, isApiPath, type NodeHandler, studioBuildState, studioLocation } from "./studio.ts";

let root: string;
beforeAll(async () => (root = await mkdtemp(join(tmpdir(), "temper-studio-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("studioBuildState", () => {
  it("is missing without a build, stale when the source changed after it, current otherwise", async () => {
    const source = join(root, "studio");
    const build = join(source, "build");
    await mkdir(join(source, "src", "routes"), { recursive: true });
    await writeFile(join(source, "src", "routes", "+page.svelte"), "<h1>Hi</h1>");
    const location = { source, build };
    expect(studioBuildState(location)).toBe("missing");

    await mkdir(build);
    await writeFile(join(build, "handler.js"), "export const handler = () => {};");
    const old = new Date(Date.now() - 60_000);
    await utimes(join(source, "src", "routes", "+page.svelte"), old, old);
    await utimes(join(source, "src", "routes"), old, old);
    await utimes(join(source, "src"), old, old);
    expect(studioBuildState(location)).toBe("current");

    await writeFile(join(source, "src", "routes", "+page.svelte"), "<h1>Hello</h1>");
    expect(studioBuildState(location)).toBe("stale");
    expect(studioBuildState({ source: null, build })).toBe("current");
  });

  it("finds the checkout's studio, or the build TEMPER_STUDIO_BUILD names", () => {
    expect(studioLocation({}).build).toMatch(/studio[/\\]build$/);
    expect(studioLocation({ TEMPER_STUDIO_BUILD: "/srv/studio" })).toEqual({ source: null, build: "/srv/studio" });
  });
});

describe("composeListener", () => {
  const answer =
    (name: string): NodeHandler =>
    (req, res) =>
      res.end(`${name} ${req.url} ${String(req.headers["x-forwarded-proto"])}`);

  function request(listener: NodeHandler, url: string, headers: Record<string, string> = {}): Promise<string> {
    return new Promise((done) => {
      const req = { url, headers: { ...headers } } as unknown as IncomingMessage;
      const res = { end: (body: string) => done(body) } as unknown as ServerResponse;
      listener(req, res);
    });
  }

  it("sends /api to the API and the rest to the studio, marked as plain HTTP unless a proxy said otherwise", async () => {
    const listener = composeListener(answer("api"), () => Promise.resolve(answer("studio")));
    expect(await request(listener, "/api/v1/health")).toBe("api /api/v1/health undefined");
    expect(await request(listener, "/api")).toBe("api /api undefined");
    expect(await request(listener, "/customer?view=all")).toBe("studio /customer?view=all http");
    expect(await request(listener, "/apis")).toBe("studio /apis http");
    expect(await request(listener, "/", { "x-forwarded-proto": "https" })).toBe("studio / https");
  });

  it("sends everything to the API when there is no studio", async () => {
    const listener = composeListener(answer("api"), () => Promise.resolve(undefined));
    expect(await request(listener, "/")).toBe("api / undefined");
  });

  it("tells API paths apart", () => {
    expect(["/api", "/api/", "/api?x=1", "/api/v1/records/customer"].every(isApiPath)).toBe(true);
    expect(["/", "/apix", "/customer/api", "/login"].some(isApiPath)).toBe(false);
  });
});
