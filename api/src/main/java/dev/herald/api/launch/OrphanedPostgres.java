package dev.herald.api.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL runs as a child process of Herald's; when Herald dies without stopping
 * it ({@code kill -9}, a crash, a power-cut container), that server keeps running on the data
 * directory and the next start cannot open it. This stops such an orphan first: it is found by
 * the {@code postmaster.pid} file PostgreSQL writes into its data directory.
 */
final class OrphanedPostgres {

    private OrphanedPostgres() {
    }

    /** Stops the PostgreSQL server still running on {@code dataDirectory}, if any; answers whether there was one. */
    static boolean stop(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = find(dataDirectory);
        if (orphan.isEmpty()) {
            return false;
        }
        ProcessHandle server = orphan.get();
        // SIGTERM: a smart shutdown, which its dead client does not hold up
        server.destroy();
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            // SIGKILL: PostgreSQL replays its write-ahead log at the next start, losing nothing committed
            server.destroyForcibly();
            server.onExit().join();
        }
        return true;
    }

    static Optional<ProcessHandle> find(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        // the pid must still be a postgres server of this data directory, not a process that reused the number
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .filter(process -> samePath(lines.get(1).strip(), dataDirectory));
    }

    private static boolean samePath(String recorded, Path dataDirectory) {
        try {
            return Path.of(recorded).toRealPath().equals(dataDirectory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
