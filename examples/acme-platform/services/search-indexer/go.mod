module github.com/acme/platform/services/search-indexer

go 1.22

require (
	github.com/prometheus/client_golang v1.19.1
	github.com/segmentio/kafka-go v0.4.47
)
