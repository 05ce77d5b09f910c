package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// QueueConfig controls throughput. Raising Workers is the first lever when
// lag grows; BatchSize trades indexing latency for OpenSearch bulk efficiency.
type QueueConfig struct {
	Topic         string
	ConsumerGroup string
	Workers       int
	BatchSize     int
	FlushInterval time.Duration
}

type Event struct {
	ProductID string    `json:"product_id"`
	Op        string    `json:"op"` // "upsert" or "delete"
	Produced  time.Time `json:"-"`
}

var (
	lagSeconds = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "search_indexer_lag_seconds",
		Help: "Age of the oldest event not yet written to the index.",
	})
	bulkFailures = promauto.NewCounter(prometheus.CounterOpts{
		Name: "search_indexer_bulk_failures_total",
		Help: "Bulk requests rejected by OpenSearch (429 or 5xx).",
	})
)

// Run starts cfg.Workers consumers that batch events and flush them either
// when the batch is full or every FlushInterval, whichever comes first.
func Run(ctx context.Context, cfg QueueConfig, log *slog.Logger) error {
	events := subscribe(ctx, cfg.Topic, cfg.ConsumerGroup)
	var wg sync.WaitGroup
	for i := 0; i < cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := make([]Event, 0, cfg.BatchSize)
			tick := time.NewTicker(cfg.FlushInterval)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					flush(batch, log)
					return
				case ev, ok := <-events:
					if !ok {
						flush(batch, log)
						return
					}
					batch = append(batch, ev)
					lagSeconds.Set(time.Since(batch[0].Produced).Seconds())
					if len(batch) >= cfg.BatchSize {
						batch = flush(batch, log)
					}
				case <-tick.C:
					batch = flush(batch, log)
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

func flush(batch []Event, log *slog.Logger) []Event {
	if len(batch) == 0 {
		return batch
	}
	if err := bulkIndex(batch); err != nil {
		bulkFailures.Inc()
		log.Warn("bulk index failed, keeping batch", "size", len(batch), "err", err)
		return batch // retried on the next tick; lag keeps growing meanwhile
	}
	return batch[:0]
}
