import next from "next";
import { createServer } from "node:http";
import proxyAddr from "proxy-addr";

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

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  request.headers["x-forwarded-for"] = proxyAddr(request, trusted);
  void handle(request, response);
}).listen(port, hostname, () => {
  console.log(`Engagement Tracker dashboard ready at http://${hostname ?? "localhost"}:${port}`);
});
