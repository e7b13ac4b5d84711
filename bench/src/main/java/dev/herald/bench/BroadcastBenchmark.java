package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One broadcast, end to end: REST → send workflow → delivery activities → Pushy →
 * MockApnsServer over TLS → ledger rows in PostgreSQL, timed against raw Pushy to the same
 * mock. Herald runs as it ships, in its own JVM; this driver hosts the Temporal service and
 * the mock so that Herald's heap is Herald's alone.
 */
public final class BroadcastBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BroadcastBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(option(args, "--devices", "100000"));
        Path heraldJar = Path.of(option(args, "--herald-jar", "api/target/herald.jar"));
        String heap = option(args, "--heap", "1g");
        String database = option(args, "--database", "herald_bench");
        // Herald's per-app delivery rate limit (default 1000/s per app and worker) would measure
        // the throttle, not the pipeline: off unless asked for
        String rateLimit = option(args, "--rate-limit", "0");
        // requests in flight per APNs client, Herald's and raw Pushy's alike (Herald's default)
        int inFlight = Integer.parseInt(option(args, "--in-flight", "1500"));
        String pg = "jdbc:postgresql://127.0.0.1:5432/";

        System.out.printf("Herald broadcast benchmark: %,d devices, per-app rate limit %s, %,d APNs requests in flight, load average %s%n",
                devices, "0".equals(rateLimit) ? "off" : rateLimit + "/s", inFlight, loadAverage());
        recreateDatabase(pg, database);
        var identity = BenchCertificates.localhost();
        String signingKey = BenchCertificates.apnsSigningKeyPem();
        int temporalPort = freePort();
        int heraldPort = freePort();
        String adminKey = "hk_" + HexFormat.of().formatHex(random(16)) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));

        try (MockApns apns = new MockApns(identity);
             var temporal = TestServer.createPortBoundServer(temporalPort);
             HeraldProcess herald = new HeraldProcess(heraldJar, heraldPort, heap, Map.of(
                     "DATASOURCES_DEFAULT_URL", pg + database,
                     "DATASOURCES_DEFAULT_USERNAME", "postgres",
                     "TEMPORAL_ADDRESS", "localhost:" + temporalPort,
                     "HERALD_MASTER_KEYS", "bench:" + Base64.getEncoder().encodeToString(random(32)),
                     "HERALD_BOOTSTRAP_API_KEY", adminKey,
                     "PORT", String.valueOf(heraldPort),
                     "HERALD_DELIVERY_PER_APP_PER_SECOND", rateLimit),
                     List.of("-Dherald.apns.production-host=localhost", "-Dherald.apns.production-port=" + apns.port(),
                             "-Dherald.apns.max-in-flight-per-client=" + inFlight,
                             "-Dherald.apns.trusted-server-certificate=" + identity.certificatePem()))) {
            herald.awaitHealthy(Duration.ofMinutes(3));
            String base = "http://localhost:" + heraldPort;
            UUID appId = UUID.fromString(call("GET", base + "/v1/apps", adminKey, null).get("items").get(0).get("id").asText());
            call("PUT", base + "/v1/apps/" + appId + "/credentials/apns", adminKey, Map.of("keyId", "ABCDE12345", "teamId", "TEAM123456",
                    "bundleId", "dev.herald.bench", "environment", "production", "privateKey", signingKey));
            UUID orgId = orgOf(pg + database, appId);

            long seedStart = System.nanoTime();
            Seeder.seed(pg + database, orgId, appId, devices);
            System.out.printf("  seeded %,d users and devices with COPY in %.1f s%n", devices, (System.nanoTime() - seedStart) / 1e9);

            Duration rawCpuStart = CpuMeter.driverCpu();
            double raw = RawPushy.devicesPerSecond(apns.port(), identity.certificatePem().toFile(), signingKey, devices, inFlight);
            double rawCpuPerDevice = CpuMeter.micros(CpuMeter.driverCpu().minus(rawCpuStart)) / devices;
            System.out.printf("  raw Pushy → mock: %,.0f devices/s, %,.0f µs CPU per device (client and mock)%n", raw, rawCpuPerDevice);

            CpuMeter cpu = new CpuMeter(herald.handle(), pg + database, database);
            CpuMeter.Snapshot cpuStart = cpu.snapshot();

            long acceptedBefore = apns.accepted();
            long start = System.nanoTime();
            JsonNode send = call("POST", base + "/v1/sends", adminKey, Map.of("audience", Map.of("filter", Map.of("all", List.of())),
                    "title", "Benchmark", "body", "One push to every device"));
            String sendId = send.get("id").asText();
            // the workflow's progress query, not GET /v1/sends/{id}: that counts the whole ledger,
            // which five times a second would be a load of its own on PostgreSQL
            JsonNode progress = send;
            long lastReport = System.nanoTime();
            while (!List.of("completed", "failed", "cancelled").contains(progress.get("status").asText())) {
                Thread.sleep(200);
                try {
                    progress = call("GET", base + "/v1/sends/" + sendId + "/progress", adminKey, null);
                } catch (IllegalStateException busy) {
                    // 503 when the workflow could not answer in time: ask again
                    continue;
                }
                if (System.nanoTime() - lastReport > 10e9) {
                    System.out.printf("    … %,d sent%n", progress.get("sent").asLong());
                    lastReport = System.nanoTime();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode state = call("GET", base + "/v1/sends/" + sendId, adminKey, null);
            long accepted = state.get("deliveries").get("accepted").asLong();
            long received = apns.accepted() - acceptedBefore;
            double rate = devices / seconds;
            CpuMeter.Spent spent = cpu.since(cpuStart);
            HeraldProcess.Heap heapUse = herald.heap();
            long history = largestHistory(temporalPort, "send-" + sendId);

            System.out.println();
            System.out.printf("  devices                      %,d%n", devices);
            System.out.printf("  send status                  %s, %,d ledger rows accepted, %,d pushes at the mock%n",
                    state.get("status").asText(), accepted, received);
            System.out.printf("  Herald broadcast             %,.0f devices/s (%.1f s, REST → workflow → Pushy → mock → ledger)%n", rate, seconds);
            System.out.printf("  raw Pushy                    %,.0f devices/s%n", raw);
            System.out.printf("  ratio                        %.2f%n", rate / raw);
            System.out.printf("  CPU per device               %s; raw Pushy %,.0f µs%n", spent.perDevice(devices), rawCpuPerDevice);
            System.out.printf("  load average at the end      %s%n", loadAverage());
            System.out.printf("  Herald peak heap             %,d MB used before a GC, %,d MB live after GC (of %,d MB; %d GCs)%n",
                    heapUse.peakUsedMb(), heapUse.peakLiveAfterGcMb(), heapUse.committedMb(), heapUse.collections());
            System.out.printf("  largest workflow history     %,d events (one run of send-%s)%n", history, sendId);
            if (accepted != devices) {
                System.out.println("  WARNING: the ledger does not show every device accepted");
                System.exit(1);
            }
        }
    }

    /** The longest history among the runs of a workflow id (it continues as new). */
    private static long largestHistory(int temporalPort, String workflowId) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + temporalPort).build());
        try {
            var latest = stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build());
            String runId = latest.getWorkflowExecutionInfo().getExecution().getRunId();
            long largest = 0;
            int runs = 0;
            while (runId != null && !runId.isEmpty()) {
                List<HistoryEvent> events = new java.util.ArrayList<>();
                com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
                do {
                    var response = stubs.blockingStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace("default").setNextPageToken(page)
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId)).build());
                    events.addAll(response.getHistory().getEventsList());
                    page = response.getNextPageToken();
                } while (!page.isEmpty());
                largest = Math.max(largest, events.size());
                runs++;
                runId = events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
            }
            System.out.printf("  (%d runs of %s)%n", runs, workflowId);
            return largest;
        } finally {
            stubs.shutdown();
        }
    }

    private static JsonNode call(String method, String url, String key, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("x-api-key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static UUID orgOf(String url, UUID appId) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("select org_id from apps where id = '" + appId + "'")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static void recreateDatabase(String pg, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(pg + "postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
            c.createStatement().execute("create database " + database);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        new SecureRandom().nextBytes(out);
        return out;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

}
