package dev.herald.api.launch;

import dev.herald.domain.crypto.SecretBox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What {@code java -jar herald.jar} needs on a fresh machine: with no database configured, a
 * real PostgreSQL started in-process with its data under {@code ~/.herald/postgres} (so a
 * restart keeps what was stored), and a master key kept under {@code ~/.herald}; with no Temporal
 * address configured, the capture provider for apps without credentials.
 */
public final class EmbeddedDefaults implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDefaults(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDefaults apply() {
        // with the embedded Temporal Herald is a dev sandbox: pushes of apps without credentials are captured
        if (!configured("TEMPORAL_ADDRESS", "temporal.address")) {
            if (!configured("HERALD_CAPTURE", "herald.capture.enabled")) {
                System.setProperty("herald.capture.enabled", "true");
            }
            // its runs were lost with the last process: start again what PostgreSQL has as unfinished
            System.setProperty("herald.embedded.rebuild-runs", "true");
        }
        if (configured("DATASOURCES_DEFAULT_URL", "datasources.default.url")) {
            return new EmbeddedDefaults(null);
        }
        Path home = Path.of(System.getProperty("user.home"), ".herald");
        try {
            Files.createDirectories(home);
            if (OrphanedPostgres.stop(home.resolve("postgres"))) {
                LoggerFactory.getLogger(EmbeddedDefaults.class).warn("Stopped the embedded PostgreSQL the last Herald process left running");
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(home.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    // a commit Herald was told of survives a crash of PostgreSQL too (zonky turns this off for tests)
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            System.setProperty("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"));
            System.setProperty("datasources.default.username", "postgres");
            System.setProperty("datasources.default.password", "");
            System.setProperty("herald.embedded.database", home.resolve("postgres").toString());
            if (!configured("HERALD_MASTER_KEYS", "herald.master-keys")) {
                System.setProperty("herald.master-keys", masterKeys(home.resolve("master-keys")));
            }
            return new EmbeddedDefaults(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL under " + home, e);
        }
    }

    private static String masterKeys(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, SecretBox.newKeySpec("local-1"));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the home directory's own protection applies
            }
        }
        return Files.readString(file).trim();
    }

    private static boolean configured(String env, String property) {
        String value = System.getenv(env);
        return (value != null && !value.isBlank()) || System.getProperty(property) != null;
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
