// The PostGraphile 5 peer, run as its own process like our API: PORT, DATABASE_URL, POOL_SIZE.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { benchPreset } from "./preset.ts";

const port = Number(process.env.PORT ?? 5678);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");

const instance = postgraphile(benchPreset(databaseUrl, Number(process.env.POOL_SIZE ?? 10)));
const serv = instance.createServ(grafserv);
const server = createServer();
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server, false);
// Build the schema before accepting traffic, so the first measured request does not pay for it.
await instance.getSchema();
server.listen(port, "127.0.0.1", () => console.log(`PostGraphile listening on http://127.0.0.1:${port}/graphql`));

async function stop() {
  server.close();
  await instance.release();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
