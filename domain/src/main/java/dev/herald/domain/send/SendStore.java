package dev.herald.domain.send;

import dev.herald.domain.NotFoundException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import dev.herald.domain.JsonCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sends and their target users. */
@Singleton
@Transactional
public class SendStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public SendStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a send addressed to users by external id; ids the org does not know are not
     * targeted. Returns the stored send with its targeted user count.
     */
    @Transactional
    public Send createForUsers(UUID orgId, PushContent content, List<String> externalUserIds, Instant scheduledFor, Instant now) {
        UUID id = UUID.randomUUID();
        SendStatus status = scheduledFor != null && scheduledFor.isAfter(now) ? SendStatus.SCHEDULED : SendStatus.RUNNING;
        jdbc.prepareStatement("""
                insert into sends (id, org_id, status, content, targeted_users, scheduled_for, created_at)
                values (?, ?, ?, ?::jsonb, 0, ?, ?)
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            ps.setString(3, status.name());
            ps.setString(4, json.write(content));
            ps.setTimestamp(5, scheduledFor == null ? null : Timestamp.from(scheduledFor));
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
        int targeted = jdbc.prepareStatement("""
                insert into send_users (send_id, user_id)
                select ?, u.id from users u where u.org_id = ? and u.external_id = any(?)
                on conflict do nothing
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            ps.setArray(3, ps.getConnection().createArrayOf("text", externalUserIds.toArray()));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("update sends set targeted_users = ? where id = ?", ps -> {
            ps.setInt(1, targeted);
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
        return get(orgId, id);
    }

    public Optional<Send> find(UUID orgId, UUID id) {
        return jdbc.prepareStatement("select * from sends where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(jdbc.readEntity(rs, Send.class)) : Optional.empty();
            }
        });
    }

    public Send get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Send " + id));
    }

    /** Reads a send by id alone: for activities, which act for the workflow that owns the id. */
    public Send getById(UUID id) {
        return jdbc.prepareStatement("select * from sends where id = ?", ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("Send " + id);
                }
                return jdbc.readEntity(rs, Send.class);
            }
        });
    }

    /** Newest first; {@code before} is the id of the last send of the previous page. */
    public List<Send> list(UUID orgId, UUID after, int limit) {
        String sql = after == null
                ? "select * from sends where org_id = ? order by created_at desc, id desc limit ?"
                : """
                  select * from sends where org_id = ?
                    and (created_at, id) < (select created_at, id from sends where id = ? and org_id = sends.org_id)
                  order by created_at desc, id desc limit ?
                  """;
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, orgId);
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, limit);
            List<Send> sends = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sends.add(jdbc.readEntity(rs, Send.class));
                }
            }
            return sends;
        });
    }

    /** Moves a scheduled send to running; a send already past that is left as it is. */
    public void markRunning(UUID id, Instant at) {
        jdbc.prepareStatement("update sends set status = 'RUNNING', started_at = coalesce(started_at, ?) where id = ? and status in ('SCHEDULED', 'RUNNING')", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    /** Records how a send ended; the first recorded end wins. */
    public void finish(UUID id, SendStatus status, Instant at) {
        if (!status.finished()) {
            throw new IllegalArgumentException(status + " is not an end state");
        }
        jdbc.prepareStatement("update sends set status = ?, finished_at = ? where id = ? and status in ('SCHEDULED', 'RUNNING')", ps -> {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setObject(3, id);
            return ps.executeUpdate();
        });
    }

}
