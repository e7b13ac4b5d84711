package dev.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Herald as it ships (api/target/herald.jar) in its own JVM: API and worker in one process,
 * with a GC log to read its heap from afterwards.
 */
final class HeraldProcess implements AutoCloseable {

    private static final Pattern GC_LINE = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    record Heap(long peakUsedMb, long peakLiveAfterGcMb, long committedMb, int collections) {
    }

    private final Process process;
    private final Path gcLog;
    final int port;

    HeraldProcess(Path jar, int port, String heap, Map<String, String> env, List<String> properties) throws IOException {
        this.port = port;
        this.gcLog = Files.createTempFile("herald-bench-gc", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("herald-bench-server", ".log").toFile());
        builder.environment().putAll(env);
        process = builder.start();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Herald exited with " + process.exitValue());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Herald did not become healthy in " + timeout);
    }

    /** Heap figures from the GC log: most used before a collection, most live after one. */
    Heap heap() throws IOException {
        long peak = 0;
        long live = 0;
        long committed = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
                live = Math.max(live, Long.parseLong(m.group(2)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
                collections++;
            }
        }
        return new Heap(peak, live, committed, collections);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
