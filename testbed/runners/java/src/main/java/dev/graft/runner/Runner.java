package dev.graft.runner;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * graft's kafka-clients runner: loads KAFKA_CONFIG_FILE with java.util.Properties, passes it unchanged to a
 * producer and a consumer, produces one record to TOPIC and consumes it back with GROUP_ID. With RUNNER_SOAK_MS it
 * keeps one producer and one consumer open for that long and exchanges a record every RUNNER_SOAK_INTERVAL_MS (5 s).
 */
public final class Runner {
  private Runner() {}

  public static void main(String[] args) {
    long timeoutMs = Long.parseLong(env("RUNNER_TIMEOUT_MS", "45000"));
    Result.captureClientLog();
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(timeoutMs);
        Result.fail(3, "timed out after " + timeoutMs + " ms; last client log: " + Result.lastClientError());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      run(timeoutMs);
    } catch (ExecutionException e) {
      Result.fail(1, Result.describe(e.getCause()));
    } catch (Exception e) {
      Result.fail(1, Result.describe(e));
    }
  }

  private static void run(long timeoutMs) throws Exception {
    String topic = env("TOPIC", null);
    String group = env("GROUP_ID", null);
    String configFile = env("KAFKA_CONFIG_FILE", null);
    if (topic == null || group == null || configFile == null) {
      throw new IllegalArgumentException("TOPIC, GROUP_ID and KAFKA_CONFIG_FILE must be set");
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(configFile))) {
      props.load(reader);
    }
    // The app's own consumer settings; the connection settings stay exactly as loaded.
    Properties consumerProps = new Properties();
    consumerProps.putAll(props);
    consumerProps.put("group.id", group);
    consumerProps.putIfAbsent("auto.offset.reset", "earliest");
    consumerProps.put("enable.auto.commit", "false");
    long soakMs = Long.parseLong(env("RUNNER_SOAK_MS", "0"));
    long intervalMs = Long.parseLong(env("RUNNER_SOAK_INTERVAL_MS", "5000"));
    if (soakMs > 0) {
      // soak mode: one producer and one consumer for the whole run, one exchange every intervalMs
      try (KafkaProducer<String, String> producer =
              new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
          KafkaConsumer<String, String> consumer =
              new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of(topic));
        int rounds = 0;
        while (true) {
          long roundStart = Result.elapsedMs();
          String value = "graft-" + UUID.randomUUID();
          RecordMetadata meta =
              producer.send(new ProducerRecord<>(topic, value)).get(30_000, TimeUnit.MILLISECONDS);
          if (!pollFor(consumer, value, Math.min(timeoutMs, Result.elapsedMs() + 30_000))) {
            Result.fail(3, "round " + (rounds + 1) + ": record not consumed within 30 s; last client log: "
                + Result.lastClientError());
          }
          rounds++;
          if (Result.elapsedMs() >= soakMs) {
            Result.emitOk(topic, group, value, meta.partition(), meta.offset(), rounds);
            System.exit(0);
          }
          Thread.sleep(Math.max(0, roundStart + intervalMs - Result.elapsedMs()));
        }
      }
    }

    String value = "graft-" + UUID.randomUUID();
    RecordMetadata meta;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      meta = producer.send(new ProducerRecord<>(topic, value)).get(remaining(timeoutMs), TimeUnit.MILLISECONDS);
    }

    boolean consumed;
    // closed before the exit, as an app closes it: the consumer leaves its group, and the next member of that group
    // (the same service in the next setup) need not wait for this one's session to time out
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      consumed = pollFor(consumer, value, timeoutMs);
    }
    if (consumed) {
      Result.emitOk(topic, group, value, meta.partition(), meta.offset());
      System.exit(0);
    }
    Result.fail(3, "timed out after " + timeoutMs + " ms; last client log: " + Result.lastClientError());
  }

  /** Polls until the record with `value` is seen (and commits it) or the run's clock reaches `untilMs`. */
  private static boolean pollFor(KafkaConsumer<String, String> consumer, String value, long untilMs) {
    while (Result.elapsedMs() < untilMs) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        if (value.equals(record.value())) {
          consumer.commitSync();
          return true;
        }
      }
    }
    return false;
  }

  private static long remaining(long timeoutMs) {
    return Math.max(1, timeoutMs - Result.elapsedMs());
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
