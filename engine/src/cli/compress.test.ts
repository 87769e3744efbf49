import { createServer, request, type Server } from "node:http";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressed } from "./compress.ts";

const page = `<!doctype html><table>${"<tr><td>Huajing Precision Machinery</td></tr>".repeat(200)}</table>`;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(
    compressed((req, res) => {
      if (req.url === "/small") {
        res.setHeader("content-type", "application/json");
        return res.end('{"ok":true}');
      }
      if (req.url === "/static.js") {
        res.setHeader("content-type", "text/javascript");
        res.setHeader("content-encoding", "br");
        return res.end(Buffer.from("already compressed"));
      }
      res.setHeader("content-type", "text/html");
      res.end(page);
    }),
  );
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise((closed) => server.close(closed)));

/** The raw answer, without fetch's own decoding. */
async function raw(path: string, acceptEncoding: string) {
  return new Promise<{ encoding: string | undefined; body: Buffer }>((done, fail) => {
    request(`${url}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
    })
      .on("error", fail)
      .end();
  });
}

describe("compressed", () => {
  it("sends a page in brotli to a browser that accepts it, and it decodes to the page", async () => {
    const { encoding, body } = await raw("/", "gzip, deflate, br");
    expect(encoding).toBe("br");
    expect(body.length).toBeLessThan(page.length / 10);
    expect(brotliDecompressSync(body).toString("utf8")).toBe(page);
  });

  it("sends the page as it is to a client that accepts no encoding", async () => {
    const { encoding, body } = await raw("/", "identity");
    expect(encoding).toBeUndefined();
    expect(body.toString("utf8")).toBe(page);
  });

  it("leaves small answers and already encoded files as they are", async () => {
    expect((await raw("/small", "br")).encoding).toBeUndefined();
    const file = await raw("/static.js", "br");
    expect(file.encoding).toBe("br");
    expect(file.body.toString("utf8")).toBe("already compressed");
  });
});
