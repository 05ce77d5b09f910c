import express from "express";
import pino from "pino";
import { collectDefaultMetrics, Counter, Histogram, register } from "prom-client";
import { health, startDraining } from "./health";
import { pool, withClient } from "./db/pool";

const log = pino({ name: "checkout-api" });
const app = express();
app.use(express.json({ limit: "256kb" }));

collectDefaultMetrics();
const requests = new Counter({
  name: "http_requests_total",
  help: "HTTP requests by route and status code",
  labelNames: ["route", "code"],
});
const latency = new Histogram({
  name: "http_request_duration_seconds",
  help: "Request latency",
  labelNames: ["route"],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

app.use(health);

app.post("/v1/orders", async (req, res) => {
  const end = latency.startTimer({ route: "/v1/orders" });
  try {
    const order = await withClient((client) =>
      client.query("INSERT INTO orders (cart_id, customer_id) VALUES ($1, $2) RETURNING id", [
        req.body.cartId,
        req.body.customerId,
      ]),
    );
    requests.inc({ route: "/v1/orders", code: "201" });
    res.status(201).json({ id: order.rows[0].id });
  } catch (err) {
    log.error({ err, route: "/v1/orders" }, "order create failed");
    requests.inc({ route: "/v1/orders", code: "500" });
    res.status(500).json({ error: "internal" });
  } finally {
    end();
  }
});

app.get("/metrics", async (_req, res) => {
  res.set("Content-Type", register.contentType);
  res.send(await register.metrics());
});

const port = Number(process.env.PORT ?? 8080);
const server = app.listen(port, () => log.info({ port }, "checkout-api listening"));

process.on("SIGTERM", () => {
  // Fail readiness, give the load balancer time to notice, then close.
  startDraining();
  setTimeout(() => {
    server.close(() => void pool.end().then(() => process.exit(0)));
  }, 10_000);
});
