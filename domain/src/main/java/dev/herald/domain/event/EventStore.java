package dev.herald.domain.event;

import dev.herald.domain.JsonCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event log. An idempotency key is unique per org: recording it again within
 * {@link #IDEMPOTENCY_WINDOW} returns the first event; after that, a caller's key names a new event.
 */
@Singleton
@Transactional
public class EventStore {

    /** How long a caller's idempotency key answers its first event (as for sends, {@code SendStore.IDEMPOTENCY_WINDOW}). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public EventStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An event to record; {@code userId} is Herald's internal user id. */
    public record NewEvent(UUID orgId, @Nullable UUID appId, @Nullable UUID userId, String name,
                           Map<String, Object> properties, EventSource source, @Nullable String idempotencyKey,
                           Instant occurredAt) {

        /** An event Herald observed itself, happening now. */
        public static NewEvent observed(UUID orgId, UUID appId, UUID userId, String name, Map<String, Object> properties) {
            return new NewEvent(orgId, appId, userId, name, properties, EventSource.HERALD, null, Instant.now());
        }
    }

    /** What {@link #record} did: stored a new event, or found the one with the same idempotency key. */
    public record Recorded(Event event, boolean created) {
    }

    public Recorded record(NewEvent e) {
        if (e.idempotencyKey() != null && e.source() != EventSource.HERALD) {
            releaseExpiredKey(e.orgId(), e.idempotencyKey());
        }
        Event inserted = jdbc.prepareStatement("""
                insert into events (id, org_id, app_id, user_id, name, properties, source, idempotency_key, occurred_at, received_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now())
                on conflict (org_id, idempotency_key) where idempotency_key is not null do nothing
                returning *
                """, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, e.orgId());
            ps.setObject(3, e.appId());
            ps.setObject(4, e.userId());
            ps.setString(5, e.name());
            ps.setString(6, json.write(e.properties() == null ? Map.of() : e.properties()));
            ps.setString(7, e.source().name());
            ps.setString(8, e.idempotencyKey());
            ps.setTimestamp(9, Timestamp.from(e.occurredAt()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        });
        if (inserted != null) {
            return new Recorded(inserted, true);
        }
        return new Recorded(byIdempotencyKey(e.orgId(), e.idempotencyKey()), false);
    }

    /**
     * Frees a caller's key whose event was received longer than the window ago, so the insert that
     * follows records a new event under it; the old event stays, without its key. Herald's own keys
     * ({@code herald:…}) de-duplicate facts (one open per send and device) and never expire.
     * The update locks the old row: concurrent requests with the same expired key wait for the
     * first to commit its new event, then find the key no longer on the old row and get that event.
     */
    private void releaseExpiredKey(UUID orgId, String key) {
        jdbc.prepareStatement("""
                update events set idempotency_key = null
                where org_id = ? and idempotency_key = ? and source <> ? and received_at < now() - ?::interval
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            ps.setString(3, EventSource.HERALD.name());
            ps.setString(4, IDEMPOTENCY_WINDOW.toSeconds() + " seconds");
            return ps.executeUpdate();
        });
    }

    /** Which of a user's events to list: by name, and {@code from} (inclusive) to {@code to} (exclusive) on their time. */
    public record Filter(UUID userId, @Nullable String name, @Nullable Instant from, @Nullable Instant to) {
    }

    /**
     * A page of a user's events, newest first (by the time they happened, then id); {@code after}
     * is the id of the last event of the previous page.
     */
    public List<Event> list(UUID orgId, Filter filter, @Nullable UUID after, int limit) {
        StringBuilder sql = new StringBuilder("select * from events e where e.org_id = ? and e.user_id = ?");
        List<Object> args = new ArrayList<>(List.of(orgId, filter.userId()));
        if (filter.name() != null) {
            sql.append(" and e.name = ?");
            args.add(filter.name());
        }
        if (filter.from() != null) {
            sql.append(" and e.occurred_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and e.occurred_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        if (after != null) {
            sql.append(" and (e.occurred_at, e.id) < (select p.occurred_at, p.id from events p where p.id = ? and p.org_id = e.org_id)");
            args.add(after);
        }
        sql.append(" order by e.occurred_at desc, e.id desc limit ?");
        args.add(limit);
        return jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        });
    }

    private Event byIdempotencyKey(UUID orgId, String key) {
        return jdbc.prepareStatement("select * from events where org_id = ? and idempotency_key = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("event with idempotency key " + key + " vanished");
                }
                return read(rs);
            }
        });
    }

    /**
     * A user's events with these names received from an instant on, oldest first, at most
     * {@code limit}: what a run rebuilt after a restart had received.
     */
    public List<Event> receivedSince(UUID orgId, UUID userId, Instant from, Collection<String> names, int limit) {
        return jdbc.prepareStatement("""
                select * from events where org_id = ? and user_id = ? and received_at >= ? and name = any(?)
                order by received_at, id limit ?
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setArray(4, ps.getConnection().createArrayOf("text", names.toArray()));
            ps.setInt(5, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        });
    }

    private Event read(ResultSet rs) throws SQLException {
        return new Event(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("app_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
                json.readObject(rs.getString("properties")), EventSource.valueOf(rs.getString("source")),
                rs.getString("idempotency_key"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("received_at").toInstant());
    }
}
