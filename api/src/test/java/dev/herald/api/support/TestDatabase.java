package dev.herald.api.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real PostgreSQL every test talks to, decided once per JVM: the URL in
 * DATASOURCES_DEFAULT_URL when set (CI points it at the machine's server), else an embedded
 * PostgreSQL, else a Testcontainers one where Docker exists. No database means failure, never
 * a skipped test.
 */
public final class TestDatabase {

    public record Connection(String url, String username, String password) {
    }

    private static Connection connection;

    private TestDatabase() {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private static Connection open() {
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(url, envOr("DATASOURCES_DEFAULT_USERNAME", "postgres"), envOr("DATASOURCES_DEFAULT_PASSWORD", ""));
        }
        Throwable embeddedFailure;
        try {
            Path dir = Files.createTempDirectory("herald-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (Exception | Error e) {
            embeddedFailure = e;
        }
        try {
            return Containers.postgres();
        } catch (Exception | Error e) {
            IllegalStateException failure = new IllegalStateException(
                    "No PostgreSQL for the tests: set DATASOURCES_DEFAULT_URL, or let the embedded PostgreSQL start, or run Docker", e);
            failure.addSuppressed(embeddedFailure);
            throw failure;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Kept apart so Testcontainers classes load only when this last resort is needed. */
    private static final class Containers {
        static Connection postgres() {
            var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
    }
}
