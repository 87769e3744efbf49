import compression from "compression";
import type { NodeHandler } from "./studio.ts";

const compress = compression({ threshold: 1024 });

/**
 * Compresses what `handler` answers (brotli or gzip, as the client accepts)
 * when it is text of 1 kB or more and not already encoded: the studio's
 * pages and data, the API's JSON and CSV. The studio's static files are
 * sent precompressed by its own handler and pass through as they are.
 *
 * @example
 * createServer(compressed(composeListener(api, () => studio)));
 */
export function compressed(handler: NodeHandler): NodeHandler {
  return (req, res) => {
    // The middleware is typed for Express; it uses only what Node's request and response have.
    compress(req as never, res as never, () => handler(req, res));
  };
}
