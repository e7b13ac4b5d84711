package dev.herald.bench;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Writes N users with one APNs device each straight into PostgreSQL with COPY. */
final class Seeder {

    private Seeder() {
    }

    static void seed(String url, UUID orgId, UUID appId, int devices) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            Random random = new Random(7);
            UUID[] users = new UUID[devices];
            for (int i = 0; i < devices; i++) {
                users[i] = new UUID(random.nextLong(), random.nextLong());
            }
            copy(c, "copy users (id, org_id, external_id, tags, created_at, updated_at) from stdin", out -> {
                for (int i = 0; i < devices; i++) {
                    out.write(users[i] + "\t" + orgId + "\tbench-user-" + i + "\t{}\tnow\tnow\n");
                }
            });
            byte[] token = new byte[32];
            copy(c, "copy devices (id, org_id, app_id, user_id, provider, token, platform, enabled, created_at, updated_at) from stdin", out -> {
                for (int i = 0; i < devices; i++) {
                    random.nextBytes(token);
                    out.write(new UUID(random.nextLong(), random.nextLong()) + "\t" + orgId + "\t" + appId + "\t" + users[i]
                            + "\tAPNS\t" + HexFormat.of().formatHex(token) + "\tios\ttrue\tnow\tnow\n");
                }
            });
            try (var s = c.createStatement()) {
                s.execute("analyze users");
                s.execute("analyze devices");
            }
        }
    }

    private interface Rows {
        void write(Writer out) throws IOException;
    }

    private static void copy(Connection c, String sql, Rows rows) throws Exception {
        PipedWriter writer = new PipedWriter();
        PipedReader reader = new PipedReader(writer, 1 << 20);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try (writer) {
                rows.write(writer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, reader);
        } catch (SQLException e) {
            producer.cancel(true);
            throw e;
        }
        producer.get();
    }
}
