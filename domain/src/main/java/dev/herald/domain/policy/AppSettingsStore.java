package dev.herald.domain.policy;

import dev.herald.domain.NotFoundException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Per-app delivery settings; an app that never set any has the defaults (no quiet hours, no caps). */
@Singleton
@Transactional
public class AppSettingsStore {

    private static final String SELECT = """
            select a.id, a.default_timezone, s.quiet_hours_start, s.quiet_hours_end, coalesce(s.defer_in_quiet_hours, false),
                   s.freq_cap_per_hour, s.freq_cap_per_day, s.session_requests_per_minute, s.updated_at
            from apps a left join app_settings s on s.app_id = a.id
            """;

    private final JdbcOperations jdbc;

    public AppSettingsStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public AppDeliverySettings get(UUID orgId, UUID appId) {
        return jdbc.prepareStatement(SELECT + " where a.org_id = ? and a.id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, appId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("App " + appId);
                }
                return read(rs);
            }
        });
    }

    /** Settings of several apps at once, for a page of recipients. */
    public Map<UUID, AppDeliverySettings> forApps(Collection<UUID> appIds) {
        Map<UUID, AppDeliverySettings> settings = new HashMap<>();
        if (appIds.isEmpty()) {
            return settings;
        }
        return jdbc.prepareStatement(SELECT + " where a.id = any(?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", appIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AppDeliverySettings s = read(rs);
                    settings.put(s.appId(), s);
                }
            }
            return settings;
        });
    }

    /** Stores validated settings of an app of the org. */
    @Transactional
    public AppDeliverySettings save(UUID orgId, AppDeliverySettings settings) {
        int updated = jdbc.prepareStatement("update apps set default_timezone = ? where org_id = ? and id = ?", ps -> {
            ps.setString(1, settings.defaultTimezone());
            ps.setObject(2, orgId);
            ps.setObject(3, settings.appId());
            return ps.executeUpdate();
        });
        if (updated == 0) {
            throw new NotFoundException("App " + settings.appId());
        }
        jdbc.prepareStatement("""
                insert into app_settings (app_id, quiet_hours_start, quiet_hours_end, defer_in_quiet_hours,
                                          freq_cap_per_hour, freq_cap_per_day, session_requests_per_minute, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (app_id) do update set
                    quiet_hours_start = excluded.quiet_hours_start,
                    quiet_hours_end = excluded.quiet_hours_end,
                    defer_in_quiet_hours = excluded.defer_in_quiet_hours,
                    freq_cap_per_hour = excluded.freq_cap_per_hour,
                    freq_cap_per_day = excluded.freq_cap_per_day,
                    session_requests_per_minute = excluded.session_requests_per_minute,
                    updated_at = excluded.updated_at
                """, ps -> {
            ps.setObject(1, settings.appId());
            setInt(ps, 2, settings.quietHoursStartLocal());
            setInt(ps, 3, settings.quietHoursEndLocal());
            ps.setBoolean(4, settings.deferInQuietHours());
            setInt(ps, 5, settings.freqCapPerUserPerHour());
            setInt(ps, 6, settings.freqCapPerUserPerDay());
            setInt(ps, 7, settings.sessionRequestsPerMinute());
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            return ps.executeUpdate();
        });
        return get(orgId, settings.appId());
    }

    private static void setInt(java.sql.PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static AppDeliverySettings read(ResultSet rs) throws SQLException {
        Timestamp updated = rs.getTimestamp(9);
        return new AppDeliverySettings(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getObject(3, Integer.class), rs.getObject(4, Integer.class), rs.getBoolean(5),
                rs.getObject(6, Integer.class), rs.getObject(7, Integer.class), rs.getObject(8, Integer.class),
                updated == null ? null : updated.toInstant());
    }
}
