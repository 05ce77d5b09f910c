import { Router } from "express";
import { pool } from "./db/pool";

export const health = Router();

let draining = false;

/** Called from the SIGTERM handler so the readiness probe fails first. */
export function startDraining(): void {
  draining = true;
}

// Liveness: the process is up and the event loop is responsive.
// Deliberately does NOT touch the database, so a slow DB never makes
// Kubernetes kill otherwise healthy pods.
health.get("/healthz", (_req, res) => {
  res.status(200).json({ status: "ok" });
});

// Readiness: can this pod serve a checkout right now?
health.get("/readyz", async (_req, res) => {
  if (draining) {
    res.status(503).json({ status: "draining" });
    return;
  }
  if (pool.waitingCount > 10) {
    // Pool is saturated; shed traffic to other replicas instead of queueing.
    res.status(503).json({ status: "pool_saturated", waiting: pool.waitingCount });
    return;
  }
  try {
    await pool.query("SELECT 1");
    res.status(200).json({ status: "ready", pool: { total: pool.totalCount, idle: pool.idleCount } });
  } catch (err) {
    res.status(503).json({ status: "db_unreachable", error: (err as Error).message });
  }
});
