import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * graft test bed helper: waits until the broker is listed by the cluster metadata, then creates the
 * ACLs listed in a file (one "principal|resourceType|patternType|name|operation|permission" a line),
 * waits until the authorizer reports them, and waits until the group coordinator has loaded.
 *
 * <p>Usage: TestbedAdmin setup admin.properties acls.txt timeoutMs
 */
public final class TestbedAdmin {
  public static void main(String[] args) throws Exception {
    if (args.length != 4 || !args[0].equals("setup")) {
      System.err.println("usage: TestbedAdmin setup <admin.properties> <acls.txt> <timeoutMs>");
      System.exit(1);
    }
    Properties props = new Properties();
    try (FileInputStream in = new FileInputStream(args[1])) {
      props.load(in);
    }
    props.putIfAbsent("request.timeout.ms", "5000");
    props.putIfAbsent("default.api.timeout.ms", "5000");
    long deadline = System.currentTimeMillis() + Long.parseLong(args[3]);
    List<AclBinding> acls = parseAcls(Files.readAllLines(Path.of(args[2])));
    try (Admin admin = Admin.create(props)) {
      waitForBroker(admin, deadline);
      admin.createAcls(acls).all().get();
      waitForAcls(admin, acls.size(), deadline);
      waitForGroupCoordinator(admin, deadline);
    }
    System.out.println("ACLS " + acls.size());
  }

  private static void waitForBroker(Admin admin, long deadline) throws Exception {
    Exception last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        DescribeClusterResult cluster = admin.describeCluster();
        Collection<Node> nodes = cluster.nodes().get();
        if (!nodes.isEmpty()) {
          System.out.println("READY cluster=" + cluster.clusterId().get() + " nodes=" + nodes);
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("broker not listed in cluster metadata before timeout", last);
  }

  /**
   * Waits until the group coordinator answers: the first group request creates __consumer_offsets, and until its
   * partition is loaded the broker answers COORDINATOR_LOAD_IN_PROGRESS, which some clients (KafkaJS) treat as a crash
   * when it reaches them on their first join. A client of a freshly started test bed must see a settled broker.
   */
  private static void waitForGroupCoordinator(Admin admin, long deadline) throws Exception {
    Exception last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        admin.listConsumerGroupOffsets("graft-testbed-ready").partitionsToOffsetAndMetadata().get();
        System.out.println("COORDINATOR ready");
        return;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("group coordinator not ready before timeout", last);
  }

  private static void waitForAcls(Admin admin, int expected, long deadline) throws Exception {
    while (System.currentTimeMillis() < deadline) {
      int seen = admin.describeAcls(AclBindingFilter.ANY).values().get().size();
      if (seen >= expected) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException("ACLs not visible to the authorizer before timeout");
  }

  private static List<AclBinding> parseAcls(List<String> lines) {
    List<AclBinding> out = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\\|", -1);
      if (f.length != 6) throw new IllegalArgumentException("bad ACL line: " + line);
      ResourcePattern pattern =
          new ResourcePattern(ResourceType.fromString(f[1]), f[3], PatternType.fromString(f[2]));
      AccessControlEntry entry =
          new AccessControlEntry(
              f[0], "*", AclOperation.fromString(f[4]), AclPermissionType.fromString(f[5]));
      out.add(new AclBinding(pattern, entry));
    }
    return out;
  }
}
