package dev.herald.domain.liveactivity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Push-to-start tokens: one per device and activity type, replaced when the app reports a new one. */
@Singleton
@Transactional
public class StartTokenStore {

    private final JdbcOperations jdbc;

    public StartTokenStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public record StartToken(UUID deviceId, String activityType, String token, Instant createdAt, Instant updatedAt) {
    }

    public record Put(StartToken token, boolean created) {
    }

    public Put put(UUID orgId, UUID appId, UUID deviceId, String activityType, String token) {
        return jdbc.prepareStatement("""
                insert into live_activity_start_tokens (device_id, activity_type, org_id, app_id, token, created_at, updated_at)
                values (?, ?, ?, ?, ?, now(), now())
                on conflict (device_id, activity_type) do update set token = excluded.token, updated_at = now()
                returning *, (xmax = 0) as inserted
                """, ps -> {
            ps.setObject(1, deviceId);
            ps.setString(2, activityType);
            ps.setObject(3, orgId);
            ps.setObject(4, appId);
            ps.setString(5, token);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Put(read(rs), rs.getBoolean("inserted"));
            }
        });
    }

    public Optional<StartToken> find(UUID deviceId, String activityType) {
        return jdbc.prepareStatement("select * from live_activity_start_tokens where device_id = ? and activity_type = ?", ps -> {
            ps.setObject(1, deviceId);
            ps.setString(2, activityType);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public List<StartToken> list(UUID deviceId) {
        return jdbc.prepareStatement("select * from live_activity_start_tokens where device_id = ? order by activity_type", ps -> {
            ps.setObject(1, deviceId);
            List<StartToken> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            return all;
        });
    }

    public boolean delete(UUID deviceId, String activityType) {
        return jdbc.prepareStatement("delete from live_activity_start_tokens where device_id = ? and activity_type = ?", ps -> {
            ps.setObject(1, deviceId);
            ps.setString(2, activityType);
            return ps.executeUpdate() > 0;
        });
    }

    /** Forgets a token APNs called invalid, unless the app has reported a newer one meanwhile. */
    public boolean retire(UUID deviceId, String activityType, String token) {
        return jdbc.prepareStatement("delete from live_activity_start_tokens where device_id = ? and activity_type = ? and token = ?", ps -> {
            ps.setObject(1, deviceId);
            ps.setString(2, activityType);
            ps.setString(3, token);
            return ps.executeUpdate() > 0;
        });
    }

    private static StartToken read(ResultSet rs) throws java.sql.SQLException {
        return new StartToken(rs.getObject("device_id", UUID.class), rs.getString("activity_type"), rs.getString("token"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
