import { createConnection, createServer, type AddressInfo, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend protocol and records every
 * statement a client executes: each simple Query ('Q') and each extended-protocol Execute
 * ('E', with the text its Parse gave). pg_stat_statements would need a server restart
 * (shared_preload_libraries) on a server others share, and the product does not expose its
 * query log, so each server is started once against this proxy and sent requests one at a time.
 */
export class StatementCounter {
  /** Texts of the statements executed since the last `reset()`, in order. */
  readonly executed: string[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(upstream: { host: string; port: number }): Promise<StatementCounter> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const counter = new StatementCounter(server, (server.address() as AddressInfo).port);
    server.on("connection", (client) => counter.relay(client, upstream));
    return counter;
  }

  /** The database URL `url` would be, reached through this proxy. */
  urlFor(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(this.port);
    return proxied.toString();
  }

  reset(): void {
    this.executed.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: Socket, upstream: { host: string; port: number }): void {
    const server = createConnection(upstream);
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        server.destroy();
      });
    }
    const reader = new FrontendReader((sql) => this.executed.push(sql));
    client.on("data", (chunk: Buffer) => {
      reader.push(chunk);
      server.write(chunk);
    });
    server.on("data", (chunk: Buffer) => client.write(chunk));
    client.on("end", () => server.end());
    server.on("end", () => client.end());
  }
}

const STARTUP_PROTOCOL_3 = 196_608;

/** Splits a client's byte stream into protocol messages and reports each statement executed. */
class FrontendReader {
  private pending: Buffer = Buffer.alloc(0);
  private startedUp = false;
  /** Prepared statement name → SQL ("" is the unnamed one). */
  private readonly statements = new Map<string, string>();
  /** Portal name → prepared statement name. */
  private readonly portals = new Map<string, string>();

  constructor(private readonly onStatement: (sql: string) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (!this.startedUp) {
        // Startup, SSL and GSS requests carry no type byte: length, then a code.
        if (this.pending.length < 8) return;
        const length = this.pending.readInt32BE(0);
        if (this.pending.length < length) return;
        if (this.pending.readInt32BE(4) === STARTUP_PROTOCOL_3) this.startedUp = true;
        this.pending = this.pending.subarray(length);
        continue;
      }
      if (this.pending.length < 5) return;
      const length = this.pending.readInt32BE(1);
      if (this.pending.length < 1 + length) return;
      this.read(String.fromCharCode(this.pending[0]!), this.pending.subarray(5, 1 + length));
      this.pending = this.pending.subarray(1 + length);
    }
  }

  private read(type: string, body: Buffer): void {
    const strings = (count: number) => {
      const found: string[] = [];
      let start = 0;
      for (let index = 0; index < count; index++) {
        const end = body.indexOf(0, start);
        found.push(body.toString("utf8", start, end));
        start = end + 1;
      }
      return found;
    };
    switch (type) {
      case "Q":
        this.onStatement(strings(1)[0]!);
        break;
      case "P": {
        const [name, sql] = strings(2);
        this.statements.set(name!, sql!);
        break;
      }
      case "B": {
        const [portal, statement] = strings(2);
        this.portals.set(portal!, statement!);
        break;
      }
      case "E": {
        const statement = this.portals.get(strings(1)[0]!) ?? "";
        this.onStatement(this.statements.get(statement) ?? "(unknown prepared statement)");
        break;
      }
    }
  }
}
