// Command runner is graft's franz-go client runner: it produces one record and consumes it back,
// configured only from the environment (contract A in ../README.md), and prints one JSON line.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

var (
	started = time.Now()
	logger  = newErrorLogger()
)

func emit(fields map[string]any) {
	fields["runner"] = "go"
	fields["elapsedMs"] = time.Since(started).Milliseconds()
	line, _ := json.Marshal(fields)
	fmt.Println(string(line))
}

func fail(code int, err error) {
	fmt.Fprintf(os.Stderr, "runner error: %v\n", err)
	emit(map[string]any{"ok": false, "error": err.Error()})
	os.Exit(code)
}

func main() {
	timeout := 45 * time.Second
	if ms, err := strconv.Atoi(os.Getenv("RUNNER_TIMEOUT_MS")); err == nil {
		timeout = time.Duration(ms) * time.Millisecond
	}
	base, stop := context.WithCancelCause(context.Background())
	defer stop(nil)
	logger.onFatal = stop
	ctx, cancel := context.WithTimeout(base, timeout)
	defer cancel()

	topic, group := os.Getenv("TOPIC"), os.Getenv("GROUP_ID")
	if topic == "" || group == "" {
		fail(1, errors.New("TOPIC and GROUP_ID must be set"))
	}
	opts, err := optionsFromEnv()
	if err != nil {
		fail(1, err)
	}
	if err := run(ctx, opts, topic, group); err != nil {
		if cause := context.Cause(base); cause != nil {
			fail(1, cause)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			fail(3, fmt.Errorf("timed out after %s: %w; last client error: %s", timeout, err, logger.lastError()))
		}
		fail(1, err)
	}
}

func newValue() string {
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	return "graft-" + hex.EncodeToString(buf)
}

// soak keeps one producer and one consumer for soakMs and exchanges a record every intervalMs, each within 30 s.
func soak(ctx context.Context, opts []kgo.Opt, topic, group string, soakMs, intervalMs int) error {
	producer, err := kgo.NewClient(opts...)
	if err != nil {
		return err
	}
	defer producer.Close()
	consumer, err := kgo.NewClient(append(opts,
		kgo.ConsumerGroup(group),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
	)...)
	if err != nil {
		return err
	}
	defer consumer.Close()
	for rounds := 1; ; rounds++ {
		roundStart := time.Now()
		value := newValue()
		round, cancel := context.WithTimeout(ctx, 30*time.Second)
		rec, err := producer.ProduceSync(round, &kgo.Record{Topic: topic, Value: []byte(value)}).First()
		if err != nil {
			cancel()
			return fmt.Errorf("round %d: produce: %w", rounds, err)
		}
		found := false
		for !found {
			fetches := consumer.PollFetches(round)
			if err := round.Err(); err != nil {
				cancel()
				return fmt.Errorf("round %d: record not consumed within 30 s: %w", rounds, err)
			}
			var fetchErr error
			fetches.EachError(func(t string, p int32, err error) { fetchErr = fmt.Errorf("consume %s[%d]: %w", t, p, err) })
			if fetchErr != nil {
				cancel()
				return fetchErr
			}
			for _, r := range fetches.Records() {
				if string(r.Value) == value {
					if err := consumer.CommitRecords(round, r); err != nil {
						cancel()
						return fmt.Errorf("commit: %w", err)
					}
					found = true
				}
			}
		}
		cancel()
		if time.Since(started) >= time.Duration(soakMs)*time.Millisecond {
			emit(map[string]any{"ok": true, "topic": topic, "group": group, "value": value,
				"partition": rec.Partition, "offset": rec.Offset, "rounds": rounds})
			return nil
		}
		time.Sleep(time.Until(roundStart.Add(time.Duration(intervalMs) * time.Millisecond)))
	}
}

func run(ctx context.Context, opts []kgo.Opt, topic, group string) error {
	if soakMs, _ := strconv.Atoi(os.Getenv("RUNNER_SOAK_MS")); soakMs > 0 {
		intervalMs := 5000
		if ms, err := strconv.Atoi(os.Getenv("RUNNER_SOAK_INTERVAL_MS")); err == nil {
			intervalMs = ms
		}
		return soak(ctx, opts, topic, group, soakMs, intervalMs)
	}
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	value := "graft-" + hex.EncodeToString(buf)

	producer, err := kgo.NewClient(opts...)
	if err != nil {
		return err
	}
	res := producer.ProduceSync(ctx, &kgo.Record{Topic: topic, Value: []byte(value)})
	producer.Close()
	rec, err := res.First()
	if err != nil {
		return fmt.Errorf("produce: %w", err)
	}

	consumer, err := kgo.NewClient(append(opts,
		kgo.ConsumerGroup(group),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
	)...)
	if err != nil {
		return err
	}
	defer consumer.Close()
	for {
		fetches := consumer.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			return err
		}
		var fetchErr error
		fetches.EachError(func(t string, p int32, err error) {
			fetchErr = fmt.Errorf("consume %s[%d]: %w", t, p, err)
		})
		if fetchErr != nil {
			return fetchErr
		}
		for _, r := range fetches.Records() {
			if string(r.Value) == value {
				if err := consumer.CommitRecords(ctx, r); err != nil {
					return fmt.Errorf("commit: %w", err)
				}
				emit(map[string]any{"ok": true, "topic": topic, "group": group, "value": value,
					"partition": rec.Partition, "offset": rec.Offset})
				return nil
			}
		}
	}
}

// readSecret returns NAME, or the content of the file named by NAME_FILE minus one trailing newline.
func readSecret(name string) (string, error) {
	if path := os.Getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		return strings.TrimSuffix(string(b), "\n"), nil
	}
	return os.Getenv(name), nil
}
