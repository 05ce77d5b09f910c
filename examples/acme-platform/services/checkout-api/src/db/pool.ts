import { Pool, PoolClient, PoolConfig } from "pg";
import { Gauge } from "prom-client";

// Connection pool for checkout-api. Every pod connects to PgBouncer, not to
// RDS directly (see docs/adr/0001-use-pgbouncer.md). The numbers below are
// per pod: with 6 replicas the whole deployment may open 6 * max connections
// to PgBouncer, which multiplexes them onto default_pool_size server slots.
//
// Defaults mirror deploy/db/pool.yaml; the Deployment overrides them through
// environment variables so a change does not need a rebuild.
const config: PoolConfig = {
  host: process.env.PGHOST ?? "pgbouncer.checkout.svc.cluster.local",
  port: Number(process.env.PGPORT ?? 6432),
  database: process.env.PGDATABASE ?? "checkout",
  user: process.env.PGUSER ?? "checkout_api",
  max: Number(process.env.DB_POOL_MAX ?? 20),
  min: Number(process.env.DB_POOL_MIN ?? 4),
  idleTimeoutMillis: Number(process.env.DB_POOL_IDLE_MS ?? 30_000),
  connectionTimeoutMillis: Number(process.env.DB_POOL_ACQUIRE_MS ?? 2_000),
  // statement_timeout (5 s) is set on the DB role: PgBouncer rejects it as a startup parameter.
  application_name: "checkout-api",
};

export const pool = new Pool(config);

// Exported to Prometheus; CheckoutDBPoolExhausted fires on these.
const inUse = new Gauge({
  name: "checkout_db_pool_in_use",
  help: "Connections currently checked out of the pool",
  collect() {
    this.set(pool.totalCount - pool.idleCount);
  },
});
const waiting = new Gauge({
  name: "checkout_db_pool_waiting",
  help: "Requests queued waiting for a free connection",
  collect() {
    this.set(pool.waitingCount);
  },
});
new Gauge({
  name: "checkout_db_pool_max",
  help: "Configured pool ceiling",
  collect() {
    this.set(config.max ?? 0);
  },
});

pool.on("error", (err) => {
  // An idle client lost its connection (PgBouncer restart, failover).
  // pg drops it from the pool; we only log so the next checkout reconnects.
  console.error(JSON.stringify({ level: "error", msg: "idle pg client error", err: err.message }));
});

export async function withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
  // Waits at most connectionTimeoutMillis for a free connection, then throws
  // "timeout exceeded when trying to connect" -> HTTP 500 in server.ts.
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

export { inUse, waiting };
