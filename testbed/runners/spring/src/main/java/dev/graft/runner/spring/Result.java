package dev.graft.runner.spring;

/** Prints the runner's one JSON result line and exits on failure. */
final class Result {
  private static final long STARTED = System.nanoTime();
  private static volatile String lastClientError = "none";

  static final String RUNNER = "spring";

  private Result() {}

  /** Tees stderr so a timeout can quote the client's last WARN/ERROR log line. */
  static void captureClientLog() {
    java.io.OutputStream err = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.err));
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public synchronized void write(int b) throws java.io.IOException {
        err.write(b);
        if (b != '\n') {
          line.write(b);
          return;
        }
        err.flush();
        String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("ERROR") || text.contains("WARN")) {
          lastClientError = text.strip();
        }
        line.reset();
      }
    }, true, java.nio.charset.StandardCharsets.UTF_8));
  }

  static long elapsedMs() {
    return (System.nanoTime() - STARTED) / 1_000_000;
  }

  static String lastClientError() {
    return lastClientError;
  }

  static void emitOk(String topic, String group, String value, int partition, long offset) {
    emitOk(topic, group, value, partition, offset, 1);
  }

  /** The result of a run of `rounds` exchanges (more than one in soak mode), the last one's record. */
  static void emitOk(String topic, String group, String value, int partition, long offset, int rounds) {
    System.out.println("{\"ok\":true,\"runner\":\"" + RUNNER + "\",\"elapsedMs\":" + elapsedMs()
        + ",\"topic\":" + quote(topic) + ",\"group\":" + quote(group) + ",\"value\":" + quote(value)
        + ",\"partition\":" + partition + ",\"offset\":" + offset + ",\"rounds\":" + rounds + "}");
    System.out.flush();
  }

  static void fail(int code, String message) {
    System.err.println("runner error: " + message);
    System.out.println("{\"ok\":false,\"runner\":\"" + RUNNER + "\",\"elapsedMs\":" + elapsedMs()
        + ",\"error\":" + quote(message) + "}");
    System.out.flush();
    Runtime.getRuntime().halt(code); // client threads may be blocked; leave now
  }

  /** Exception class and message, followed by its causes' messages when they add anything. */
  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.getClass().getName() + ": " + t.getMessage());
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
        sb.append(" <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
      }
    }
    return sb.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
      }
    }
    return sb.append('"').toString();
  }
}
