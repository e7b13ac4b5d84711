package dev.herald.domain.recurring;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NewestFirst;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.send.SendTemplate;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Recurring sends: what to send and when; Temporal's Schedule does the firing. */
@Singleton
@Transactional
public class RecurringSendStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public RecurringSendStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public RecurringSend create(UUID orgId, String name, String cron, Long intervalSeconds, String timeZone, SendTemplate template, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.prepareStatement("""
                insert into recurring_sends (id, org_id, name, cron, interval_seconds, time_zone, request, paused, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, false, ?, ?)
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            ps.setString(3, name);
            ps.setString(4, cron);
            ps.setObject(5, intervalSeconds);
            ps.setString(6, timeZone);
            ps.setString(7, json.write(template));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.setTimestamp(9, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return get(orgId, id);
    }

    public Optional<RecurringSend> find(UUID orgId, UUID id) {
        return one("select * from recurring_sends where org_id = ? and id = ?", orgId, id);
    }

    /** By id alone: for the activity acting for the schedule that owns the id. */
    public Optional<RecurringSend> findById(UUID id) {
        return one("select * from recurring_sends where id = ?", id);
    }

    public RecurringSend get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Recurring send " + id));
    }

    public void setPaused(UUID orgId, UUID id, boolean paused, Instant now) {
        jdbc.prepareStatement("update recurring_sends set paused = ?, updated_at = ? where org_id = ? and id = ?", ps -> {
            ps.setBoolean(1, paused);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, orgId);
            ps.setObject(4, id);
            return ps.executeUpdate();
        });
    }

    public void delete(UUID orgId, UUID id) {
        jdbc.prepareStatement("delete from recurring_sends where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    /** Newest first; {@code after} is the id of the last one of the previous page. */
    public List<RecurringSend> list(UUID orgId, UUID after, int limit) {
        return NewestFirst.page(jdbc, "recurring_sends", orgId, after, limit, this::read);
    }

    private Optional<RecurringSend> one(String sql, UUID... params) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    private RecurringSend read(ResultSet rs) throws SQLException {
        return new RecurringSend(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("cron"), rs.getObject("interval_seconds", Long.class), rs.getString("time_zone"),
                json.read(rs.getString("request"), Argument.of(SendTemplate.class)), rs.getBoolean("paused"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
