package dev.herald.domain.user;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Device registrations; one token belongs to exactly one user of an app. */
@Singleton
@Transactional
public class DeviceStore {

    private final JdbcOperations jdbc;

    public DeviceStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public record Registration(DeviceProvider provider, String token, String webPushP256dh, String webPushAuth,
                               String platform, String locale, String timezone, String appVersion) {
    }

    /**
     * @param previousUserId the user the token belonged to before, when registration moved it
     */
    public record Registered(Device device, boolean created, UUID previousUserId) {
        public boolean moved() {
            return previousUserId != null && !previousUserId.equals(device.userId());
        }
    }

    /**
     * Registers a token for a user: idempotent; an existing token is refreshed, re-enabled and,
     * if another user of the app had it, moved to this user.
     */
    @Transactional
    public Registered register(UUID orgId, UUID appId, UUID userId, Registration r) {
        UUID previousUserId = jdbc.prepareStatement(
                "select user_id from devices where app_id = ? and token = ? for update", ps -> {
                    ps.setObject(1, appId);
                    ps.setString(2, r.token());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getObject(1, UUID.class) : null;
                    }
                });
        String sql = """
                insert into devices (id, org_id, app_id, user_id, provider, token, web_push_p256dh, web_push_auth,
                                     platform, locale, timezone, app_version, enabled, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, now(), now())
                on conflict (app_id, token) do update set
                    user_id = excluded.user_id,
                    provider = excluded.provider,
                    web_push_p256dh = excluded.web_push_p256dh,
                    web_push_auth = excluded.web_push_auth,
                    platform = coalesce(excluded.platform, devices.platform),
                    locale = coalesce(excluded.locale, devices.locale),
                    timezone = coalesce(excluded.timezone, devices.timezone),
                    app_version = coalesce(excluded.app_version, devices.app_version),
                    enabled = true,
                    disabled_at = null,
                    disabled_reason = null,
                    updated_at = now()
                returning *, (xmax = 0) as inserted
                """;
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, orgId);
            ps.setObject(3, appId);
            ps.setObject(4, userId);
            ps.setString(5, r.provider().name());
            ps.setString(6, r.token());
            ps.setString(7, r.webPushP256dh());
            ps.setString(8, r.webPushAuth());
            ps.setString(9, r.platform());
            ps.setString(10, r.locale());
            ps.setString(11, r.timezone());
            ps.setString(12, r.appVersion());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Registered(jdbc.readEntity(rs, Device.class), rs.getBoolean("inserted"), previousUserId);
            }
        });
    }

    /** Removes a user's registration of a token; false when that user has no such token. */
    public boolean unregister(UUID userId, String token) {
        return jdbc.prepareStatement("delete from devices where user_id = ? and token = ?", ps -> {
            ps.setObject(1, userId);
            ps.setString(2, token);
            return ps.executeUpdate() > 0;
        });
    }

    /**
     * Stops sending to a device whose token the provider called invalid; it is deleted after a
     * grace period. True when this call disabled it (false when it already was, or is gone).
     */
    public boolean disable(UUID deviceId, String reason) {
        return jdbc.prepareStatement("update devices set enabled = false, disabled_at = now(), disabled_reason = ?, updated_at = now() where id = ? and enabled", ps -> {
            ps.setString(1, reason);
            ps.setObject(2, deviceId);
            return ps.executeUpdate() > 0;
        });
    }

    /** Deletes up to {@code limit} devices disabled before {@code cutoff}; returns how many went. */
    public int deleteDisabledBefore(java.time.Instant cutoff, int limit) {
        return jdbc.prepareStatement("""
                delete from devices where id in (
                    select id from devices where not enabled and disabled_at < ? order by disabled_at limit ?)
                """, ps -> {
            ps.setTimestamp(1, java.sql.Timestamp.from(cutoff));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        });
    }

    public List<Device> listForUser(UUID userId) {
        return jdbc.prepareStatement("select * from devices where user_id = ? order by created_at, id", ps -> {
            ps.setObject(1, userId);
            return readAll(ps.executeQuery());
        });
    }

    public Optional<Device> find(UUID orgId, UUID deviceId) {
        return jdbc.prepareStatement("select * from devices where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, deviceId);
            List<Device> found = readAll(ps.executeQuery());
            return found.stream().findFirst();
        });
    }

    private List<Device> readAll(ResultSet rs) throws SQLException {
        try (rs) {
            List<Device> devices = new ArrayList<>();
            while (rs.next()) {
                devices.add(jdbc.readEntity(rs, Device.class));
            }
            return devices;
        }
    }
}
