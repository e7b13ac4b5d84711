package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by each party of a run: Herald's JVM, this driver's JVM (the mock APNs server
 * and the Temporal service), and the PostgreSQL backends serving the benchmark's database.
 * Divided by the devices, it says where the work goes whatever else the machine is doing,
 * which devices/s alone cannot on a shared host.
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc/[pid]/stat counts CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    record Snapshot(Duration herald, Duration driver, Map<Long, Long> postgresTicks) {
    }

    record Spent(Duration herald, Duration driver, Duration postgres) {
        String perDevice(long devices) {
            return String.format("Herald %,.0f µs, PostgreSQL %,.0f µs, driver (mock APNs + Temporal) %,.0f µs",
                    micros(herald) / devices, micros(postgres) / devices, micros(driver) / devices);
        }
    }

    private final ProcessHandle herald;
    private final String url;
    private final String database;

    CpuMeter(ProcessHandle herald, String url, String database) {
        this.herald = herald;
        this.url = url;
        this.database = database;
    }

    /** CPU this JVM has used so far (the raw Pushy run measures itself with this). */
    static Duration driverCpu() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Duration.ofNanos(os.getProcessCpuTime());
    }

    static double micros(Duration d) {
        return d.toNanos() / 1e3;
    }

    Snapshot snapshot() throws Exception {
        return new Snapshot(herald.info().totalCpuDuration().orElse(Duration.ZERO), driverCpu(), postgresTicks());
    }

    Spent since(Snapshot start) throws Exception {
        Snapshot end = snapshot();
        long ticks = 0;
        for (var backend : end.postgresTicks().entrySet()) {
            ticks += backend.getValue() - start.postgresTicks().getOrDefault(backend.getKey(), 0L);
        }
        return new Spent(end.herald().minus(start.herald()), end.driver().minus(start.driver()),
                Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
    }

    /** utime + stime of every backend connected to the benchmark's database (Herald's pool). */
    private Map<Long, Long> postgresTicks() throws Exception {
        Map<Long, Long> ticks = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             var ps = c.prepareStatement("select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    Long used = cpuTicks(pid);
                    if (used != null) {
                        ticks.put(pid, used);
                    }
                }
            }
        }
        return ticks;
    }

    private static Long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
