package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/segmentio/kafka-go"
)

// subscribe reads catalog change events from Kafka and hands them to workers.
func subscribe(ctx context.Context, topic, group string) <-chan Event {
	out := make(chan Event, 1024)
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: []string{getenv("KAFKA_BROKERS", "kafka.data.svc.cluster.local:9092")},
		Topic:   topic,
		GroupID: group,
	})
	go func() {
		defer close(out)
		defer r.Close()
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				return
			}
			var ev Event
			if json.Unmarshal(m.Value, &ev) == nil {
				ev.Produced = m.Time
				out <- ev
			}
		}
	}()
	return out
}

var client = &http.Client{Timeout: 10 * time.Second}

// bulkIndex sends one _bulk request for the whole batch.
func bulkIndex(batch []Event) error {
	var body bytes.Buffer
	for _, ev := range batch {
		action := map[string]any{"index": map[string]string{"_index": "products", "_id": ev.ProductID}}
		if ev.Op == "delete" {
			action = map[string]any{"delete": map[string]string{"_index": "products", "_id": ev.ProductID}}
		}
		_ = json.NewEncoder(&body).Encode(action)
		if ev.Op != "delete" {
			_ = json.NewEncoder(&body).Encode(map[string]string{"product_id": ev.ProductID})
		}
	}
	url := getenv("OPENSEARCH_URL", "http://opensearch.search.svc.cluster.local:9200") + "/_bulk"
	resp, err := client.Post(url, "application/x-ndjson", &body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("opensearch _bulk: %s", resp.Status)
	}
	return nil
}

