// search-indexer consumes catalog change events and writes them to the
// OpenSearch product index. Lag (oldest unprocessed event age) is exported as
// search_indexer_lag_seconds; SearchIndexerLagHigh fires on it.
package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func envInt(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil && v > 0 {
		return v
	}
	return def
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	cfg := QueueConfig{
		Topic:         getenv("INDEXER_TOPIC", "catalog.changes"),
		ConsumerGroup: getenv("INDEXER_GROUP", "search-indexer"),
		Workers:       envInt("INDEXER_WORKERS", 8),
		BatchSize:     envInt("INDEXER_BATCH_SIZE", 500),
		FlushInterval: time.Duration(envInt("INDEXER_FLUSH_MS", 2000)) * time.Millisecond,
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	go func() {
		mux := http.NewServeMux()
		mux.Handle("/metrics", promhttp.Handler())
		mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
		if err := http.ListenAndServe(":9100", mux); err != nil {
			logger.Error("metrics server stopped", "err", err)
		}
	}()

	logger.Info("starting indexer", "topic", cfg.Topic, "workers", cfg.Workers, "batch", cfg.BatchSize)
	if err := Run(ctx, cfg, logger); err != nil {
		logger.Error("indexer exited", "err", err)
		os.Exit(1)
	}
}

func getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
