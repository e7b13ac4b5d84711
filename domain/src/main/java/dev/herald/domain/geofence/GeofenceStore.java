package dev.herald.domain.geofence;

import dev.herald.domain.NotFoundException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Geofences of an org and the transitions that counted. */
@Singleton
@Transactional
public class GeofenceStore {

    private static final double METERS_PER_DEGREE_LATITUDE = 111_320;

    private final JdbcOperations jdbc;

    public GeofenceStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields a client sets. */
    public record Fields(String name, double latitude, double longitude, int radiusMeters, Set<GeofenceTrigger> triggers,
                         Integer dwellMinutes, int priority, boolean enabled) {
    }

    public Geofence create(UUID orgId, Fields f) {
        UUID id = UUID.randomUUID();
        jdbc.prepareStatement("""
                insert into geofences (id, org_id, name, latitude, longitude, radius_meters, triggers, dwell_minutes, priority, enabled, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            bind(ps, 3, f);
            return ps.executeUpdate();
        });
        return get(orgId, id);
    }

    public Geofence update(UUID orgId, UUID id, Fields f) {
        int updated = jdbc.prepareStatement("""
                update geofences set name = ?, latitude = ?, longitude = ?, radius_meters = ?, triggers = ?, dwell_minutes = ?,
                       priority = ?, enabled = ?, updated_at = now()
                where id = ? and org_id = ?
                """, ps -> {
            bind(ps, 1, f);
            ps.setObject(9, id);
            ps.setObject(10, orgId);
            return ps.executeUpdate();
        });
        if (updated == 0) {
            throw notFound(id);
        }
        return get(orgId, id);
    }

    public void delete(UUID orgId, UUID id) {
        int deleted = jdbc.prepareStatement("delete from geofences where id = ? and org_id = ?", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            return ps.executeUpdate();
        });
        if (deleted == 0) {
            throw notFound(id);
        }
    }

    public Optional<Geofence> find(UUID orgId, UUID id) {
        return jdbc.prepareStatement("select * from geofences where id = ? and org_id = ?", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public Geofence get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> notFound(id));
    }

    /** Oldest first; {@code after} is the id of the last fence of the previous page. */
    public List<Geofence> list(UUID orgId, UUID after, int limit) {
        String sql = after == null
                ? "select * from geofences where org_id = ? order by created_at, id limit ?"
                : """
                  select * from geofences where org_id = ?
                    and (created_at, id) > (select created_at, id from geofences where id = ? and org_id = geofences.org_id)
                  order by created_at, id limit ?
                  """;
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, orgId);
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, limit);
            return readAll(ps);
        });
    }

    /** Enabled fences whose centre lies in a box around the position: the candidates a selection then ranks. */
    public List<Geofence> enabledNear(UUID orgId, double latitude, double longitude, double withinMeters) {
        double dLat = withinMeters / METERS_PER_DEGREE_LATITUDE;
        double cos = Math.cos(Math.toRadians(latitude));
        double dLon = cos < 1e-6 ? 180 : Math.min(180, withinMeters / (METERS_PER_DEGREE_LATITUDE * cos));
        boolean wrapsLongitude = longitude - dLon < -180 || longitude + dLon > 180;
        String sql = "select * from geofences where org_id = ? and enabled and latitude between ? and ?"
                + (wrapsLongitude ? "" : " and longitude between ? and ?");
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, orgId);
            ps.setDouble(2, latitude - dLat);
            ps.setDouble(3, latitude + dLat);
            if (!wrapsLongitude) {
                ps.setDouble(4, longitude - dLon);
                ps.setDouble(5, longitude + dLon);
            }
            return readAll(ps);
        });
    }

    /**
     * When this user's transition of this kind at this fence last counted. Takes a lock on the
     * (fence, user, transition) triple for the rest of the caller's transaction, so concurrent reports
     * of one flapping boundary are judged one after another.
     */
    public Instant lockLastCounted(UUID geofenceId, UUID userId, GeofenceTrigger transition) {
        jdbc.prepareStatement("select pg_advisory_xact_lock(hashtextextended(? || ':' || ? || ':' || ?, 7))", ps -> {
            ps.setString(1, geofenceId.toString());
            ps.setString(2, userId.toString());
            ps.setString(3, transition.name());
            ps.executeQuery().close();
            return null;
        });
        return jdbc.prepareStatement("""
                select max(occurred_at) from geofence_transitions where geofence_id = ? and user_id = ? and transition = ?
                """, ps -> {
            ps.setObject(1, geofenceId);
            ps.setObject(2, userId);
            ps.setString(3, transition.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        });
    }

    public void recordCounted(Geofence fence, UUID userId, GeofenceTrigger transition, UUID eventId, Instant at) {
        jdbc.prepareStatement("""
                insert into geofence_transitions (org_id, geofence_id, user_id, transition, event_id, occurred_at)
                values (?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, fence.orgId());
            ps.setObject(2, fence.id());
            ps.setObject(3, userId);
            ps.setString(4, transition.name());
            ps.setObject(5, eventId);
            ps.setTimestamp(6, Timestamp.from(at));
            return ps.executeUpdate();
        });
    }

    /** Transitions that counted since {@code since}, per kind (zero for kinds without any). */
    public Map<GeofenceTrigger, Long> countsSince(UUID geofenceId, Instant since) {
        return jdbc.prepareStatement("""
                select transition, count(*) from geofence_transitions where geofence_id = ? and occurred_at >= ? group by transition
                """, ps -> {
            ps.setObject(1, geofenceId);
            ps.setTimestamp(2, Timestamp.from(since));
            Map<GeofenceTrigger, Long> counts = new EnumMap<>(GeofenceTrigger.class);
            for (GeofenceTrigger t : GeofenceTrigger.values()) {
                counts.put(t, 0L);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(GeofenceTrigger.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private static void bind(PreparedStatement ps, int at, Fields f) throws SQLException {
        ps.setString(at, f.name());
        ps.setDouble(at + 1, f.latitude());
        ps.setDouble(at + 2, f.longitude());
        ps.setInt(at + 3, f.radiusMeters());
        ps.setArray(at + 4, ps.getConnection().createArrayOf("text", f.triggers().stream().sorted().map(Enum::name).toArray()));
        ps.setObject(at + 5, f.dwellMinutes());
        ps.setInt(at + 6, f.priority());
        ps.setBoolean(at + 7, f.enabled());
    }

    private List<Geofence> readAll(PreparedStatement ps) throws SQLException {
        List<Geofence> fences = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                fences.add(read(rs));
            }
        }
        return fences;
    }

    private static Geofence read(ResultSet rs) throws SQLException {
        Array triggers = rs.getArray("triggers");
        Set<GeofenceTrigger> set = EnumSet.noneOf(GeofenceTrigger.class);
        Arrays.stream((String[]) triggers.getArray()).map(GeofenceTrigger::valueOf).forEach(set::add);
        return new Geofence(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getInt("radius_meters"), set,
                rs.getObject("dwell_minutes", Integer.class), rs.getInt("priority"), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Geofence " + id);
    }
}
