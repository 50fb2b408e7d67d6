import java.io.FileInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * graft test bed client: produces and/or consumes one record with a client.properties file, the
 * way an application configured by graft would. Prints PRODUCED/CONSUMED lines, or FAILED and the
 * exception cause chain. Exit codes: 0 ok, 2 Kafka error, 3 record not seen before timeout.
 *
 * <p>Usage: ClientCheck client.properties produce|consume|roundtrip topic group payload
 */
public final class ClientCheck {
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ClientCheck <client.properties> <mode> <topic> <group> <payload>");
      System.exit(1);
    }
    Properties props = new Properties();
    try (FileInputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    String mode = args[1];
    String topic = args[2];
    try {
      if (mode.equals("produce") || mode.equals("roundtrip")) produce(props, topic, args[4]);
      if (mode.equals("consume") || mode.equals("roundtrip")) {
        if (!consume(props, topic, args[3], args[4])) {
          System.out.println("TIMEOUT record not consumed");
          System.exit(3);
        }
      }
    } catch (Exception e) {
      System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        System.out.println("CAUSE " + c.getClass().getName() + ": " + c.getMessage());
      }
      System.exit(2);
    }
  }

  private static void produce(Properties base, String topic, String payload) throws Exception {
    Properties p = new Properties();
    p.putAll(base);
    p.putIfAbsent("max.block.ms", "20000");
    p.putIfAbsent("request.timeout.ms", "15000");
    p.putIfAbsent("delivery.timeout.ms", "30000");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      RecordMetadata md = producer.send(new ProducerRecord<>(topic, "k", payload)).get();
      System.out.println("PRODUCED " + md.topic() + "-" + md.partition() + "@" + md.offset());
    }
  }

  private static boolean consume(Properties base, String topic, String group, String payload) {
    Properties p = new Properties();
    p.putAll(base);
    p.put("group.id", group);
    p.putIfAbsent("auto.offset.reset", "earliest");
    p.putIfAbsent("enable.auto.commit", "false");
    p.putIfAbsent("default.api.timeout.ms", "20000");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (payload.equals(r.value())) {
            consumer.commitSync();
            System.out.println("CONSUMED " + r.topic() + "-" + r.partition() + "@" + r.offset());
            return true;
          }
        }
      }
      return false;
    }
  }
}
