package dev.graft.runner.spring;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * graft's Spring Boot runner: spring-kafka's auto-configured KafkaTemplate and ConsumerFactory, bound only from
 * standard Spring Boot properties (environment, config trees), produce one record to TOPIC and consume it back. With
 * RUNNER_SOAK_MS they keep exchanging a record every RUNNER_SOAK_INTERVAL_MS (5 s) for that long.
 */
@SpringBootApplication
public class App {
  public static void main(String[] args) {
    long timeoutMs = Long.parseLong(System.getenv().getOrDefault("RUNNER_TIMEOUT_MS", "45000"));
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
    try (ConfigurableApplicationContext ctx = SpringApplication.run(App.class, args)) {
      run(ctx, timeoutMs);
    } catch (ExecutionException e) {
      Result.fail(1, Result.describe(e.getCause()));
    } catch (Exception e) {
      Result.fail(1, Result.describe(e));
    }
  }

  @SuppressWarnings("unchecked")
  private static void run(ConfigurableApplicationContext ctx, long timeoutMs) throws Exception {
    String topic = ctx.getEnvironment().getRequiredProperty("TOPIC");
    KafkaTemplate<String, String> template = (KafkaTemplate<String, String>) ctx
        .getBeanProvider(ResolvableType.forClassWithGenerics(KafkaTemplate.class, Object.class, Object.class))
        .getObject();
    ConsumerFactory<String, String> consumerFactory = ctx.getBean(ConsumerFactory.class);
    String group = (String) consumerFactory.getConfigurationProperties().get("group.id");
    long soakMs = Long.parseLong(System.getenv().getOrDefault("RUNNER_SOAK_MS", "0"));
    long intervalMs = Long.parseLong(System.getenv().getOrDefault("RUNNER_SOAK_INTERVAL_MS", "5000"));
    if (soakMs > 0) {
      // soak mode: the application's template and one consumer for the whole run, one exchange every intervalMs
      try (Consumer<String, String> consumer = consumerFactory.createConsumer()) {
        consumer.subscribe(List.of(topic));
        int rounds = 0;
        while (true) {
          long roundStart = Result.elapsedMs();
          String value = "graft-" + UUID.randomUUID();
          SendResult<String, String> sent = template.send(topic, value).get(30_000, TimeUnit.MILLISECONDS);
          if (!pollFor(consumer, value, Math.min(timeoutMs, Result.elapsedMs() + 30_000))) {
            Result.fail(3, "round " + (rounds + 1) + ": record not consumed within 30 s; last client log: "
                + Result.lastClientError());
          }
          rounds++;
          if (Result.elapsedMs() >= soakMs) {
            Result.emitOk(topic, group, value, sent.getRecordMetadata().partition(),
                sent.getRecordMetadata().offset(), rounds);
            System.out.flush();
            Runtime.getRuntime().halt(0);
          }
          Thread.sleep(Math.max(0, roundStart + intervalMs - Result.elapsedMs()));
        }
      }
    }

    String value = "graft-" + UUID.randomUUID();
    SendResult<String, String> sent =
        template.send(topic, value).get(Math.max(1, timeoutMs - Result.elapsedMs()), TimeUnit.MILLISECONDS);

    try (Consumer<String, String> consumer = consumerFactory.createConsumer()) {
      consumer.subscribe(List.of(topic));
      if (pollFor(consumer, value, timeoutMs)) {
        Result.emitOk(topic, group, value, sent.getRecordMetadata().partition(),
            sent.getRecordMetadata().offset());
        System.out.flush();
        Runtime.getRuntime().halt(0);
      }
    }
    Result.fail(3, "timed out after " + timeoutMs + " ms; last client log: " + Result.lastClientError());
  }

  /** Polls until the record with `value` is seen (and commits it) or the run's clock reaches `untilMs`. */
  private static boolean pollFor(Consumer<String, String> consumer, String value, long untilMs) {
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
}
