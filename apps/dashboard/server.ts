import compression from "compression";
import next from "next";
import { createServer } from "node:http";
import proxyAddr from "proxy-addr";
import { writeWhole } from "./lib/whole-body.ts";

/**
 * `next start`, plus what it cannot do: say truly which address a request came from. Next
 * passes a reader's own X-Forwarded-For on untouched, and the API's per-address limits
 * (sign-in attempts) would count against whatever address the reader chose to name. Here the
 * header becomes the peer's address or, from a proxy listed in DASHBOARD_TRUST_PROXY
 * (addresses, subnets, `loopback`; none by default), the address that proxy names.
 */
const port = Number(process.env.DASHBOARD_PORT ?? 3000);
const hostname = process.env.DASHBOARD_HOST || undefined;
const trusted = proxyAddr.compile(
  (process.env.DASHBOARD_TRUST_PROXY ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/**
 * Next's own compression (turned off in next.config.ts) runs zlib at its default level, a tenth of
 * the dashboard's CPU when a change refreshes many open pages; level 1 costs a third of that for
 * slightly larger pages. The live stream is left alone: compressing it would hold events back.
 */
const compress = compression({
  level: 1,
  filter: (request, response) =>
    !String(response.getHeader("content-type") ?? "").startsWith("text/event-stream") &&
    compression.filter(request, response),
});

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  request.headers["x-forwarded-for"] = proxyAddr(request, trusted);
  // compression works on node:http's own objects; its types name Express's.
  compress(request as never, response as never, () => {
    // A refresh's or a navigation's page data (an RSC request), as opposed to a page's HTML or the live stream.
    if (request.headers["rsc"] === "1") writeWhole(response);
    void handle(request, response);
  });
}).listen(port, hostname, () => {
  console.log(`Engagement Tracker dashboard ready at http://${hostname ?? "localhost"}:${port}`);
});
