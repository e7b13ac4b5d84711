package dev.herald.domain.liveactivity;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Live activities and their per-activity update tokens. */
@Singleton
@Transactional
public class LiveActivityStore {

    private static final String SELECT = """
            select a.*, u.external_id as external_user_id
            from live_activities a left join users u on u.id = a.user_id
            """;

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public LiveActivityStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a new activity starts with. */
    public record NewActivity(UUID orgId, UUID appId, UUID userId, UUID deviceId, @Nullable String externalId,
                              LiveActivityPlatform platform, LiveActivityOrigin origin, String activityType,
                              Map<String, Object> attributes, Map<String, Object> contentState,
                              @Nullable Instant staleAt, @Nullable Double relevanceScore, @Nullable String updateToken) {
    }

    /** The stored activity; {@code created} is false when the app already had one with that external id. */
    public record Created(LiveActivity activity, boolean created) {
    }

    public Created create(NewActivity n) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.prepareStatement("""
                insert into live_activities (id, org_id, app_id, user_id, device_id, external_id, platform, origin, activity_type,
                                             attributes, content_state, stale_at, relevance_score, status, update_token,
                                             update_token_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'ACTIVE', ?, case when ? then now() end, now(), now())
                on conflict (app_id, external_id) where external_id is not null do nothing
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, n.orgId());
            ps.setObject(3, n.appId());
            ps.setObject(4, n.userId());
            ps.setObject(5, n.deviceId());
            ps.setString(6, n.externalId());
            ps.setString(7, n.platform().name());
            ps.setString(8, n.origin().name());
            ps.setString(9, n.activityType());
            ps.setString(10, json.write(n.attributes()));
            ps.setString(11, json.write(n.contentState()));
            setInstant(ps, 12, n.staleAt());
            setDouble(ps, 13, n.relevanceScore());
            ps.setString(14, n.updateToken());
            ps.setBoolean(15, n.updateToken() != null);
            return ps.executeUpdate();
        });
        if (inserted == 1) {
            return new Created(getById(id), true);
        }
        return new Created(findByExternalId(n.appId(), n.externalId()).orElseThrow(), false);
    }

    public Optional<LiveActivity> find(UUID orgId, UUID id) {
        return one(SELECT + " where a.org_id = ? and a.id = ?", orgId, id);
    }

    /** An activity of the org; another org's id is not found, exactly like an unknown one. */
    public LiveActivity get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Live activity " + id));
    }

    public LiveActivity getById(UUID id) {
        return one(SELECT + " where a.id = ?", id).orElseThrow(() -> new NotFoundException("Live activity " + id));
    }

    public Optional<LiveActivity> findByExternalId(UUID appId, String externalId) {
        return one(SELECT + " where a.app_id = ? and a.external_id = ?", appId, externalId);
    }

    /** Every active activity of every org, oldest first. */
    public List<LiveActivity> allActive() {
        return jdbc.prepareStatement(SELECT + " where a.status = 'ACTIVE' order by a.created_at, a.id", ps -> readAll(ps.executeQuery()));
    }

    /** A page of the org's activities, newest first, optionally of one app and one status. */
    public List<LiveActivity> list(UUID orgId, @Nullable UUID appId, @Nullable LiveActivityStatus status,
                                   @Nullable UUID after, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where a.org_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(orgId);
        if (appId != null) {
            sql.append(" and a.app_id = ?");
            args.add(appId);
        }
        if (status != null) {
            sql.append(" and a.status = ?");
            args.add(status.name());
        }
        if (after != null) {
            sql.append(" and (a.created_at, a.id) < (select created_at, id from live_activities where id = ? and org_id = a.org_id)");
            args.add(after);
        }
        sql.append(" order by a.created_at desc, a.id desc limit ?");
        args.add(limit);
        return jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return readAll(ps.executeQuery());
        });
    }

    /** Stores the token the app reported for this activity (ActivityKit's pushTokenUpdates). */
    public void setUpdateToken(UUID id, String token) {
        jdbc.prepareStatement("update live_activities set update_token = ?, update_token_at = now(), updated_at = now() where id = ?", ps -> {
            ps.setString(1, token);
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    /** Forgets an update token APNs called invalid, unless the app has reported a newer one meanwhile. */
    public boolean retireUpdateToken(UUID id, String token) {
        return jdbc.prepareStatement("update live_activities set update_token = null, updated_at = now() where id = ? and update_token = ?", ps -> {
            ps.setObject(1, id);
            ps.setString(2, token);
            return ps.executeUpdate() > 0;
        }) ;
    }

    /** Records one push attempt and the state it carried, which is now the activity's state. */
    public void recordPush(UUID id, String event, String outcome, Map<String, Object> contentState,
                           @Nullable Instant staleAt, @Nullable Double relevanceScore, @Nullable Instant contentTimestamp) {
        jdbc.prepareStatement("""
                update live_activities set content_state = ?::jsonb, stale_at = ?, relevance_score = ?,
                    content_timestamp = greatest(content_timestamp, ?),
                    pushes = pushes + 1, last_push_event = ?, last_push_outcome = ?, last_push_at = now(), updated_at = now()
                where id = ?
                """, ps -> {
            ps.setString(1, json.write(contentState));
            setInstant(ps, 2, staleAt);
            setDouble(ps, 3, relevanceScore);
            setInstant(ps, 4, contentTimestamp);
            ps.setString(5, event);
            ps.setString(6, outcome);
            ps.setObject(7, id);
            return ps.executeUpdate();
        });
    }

    public void markEnded(UUID id, String reason, Map<String, Object> finalContentState, Instant at) {
        jdbc.prepareStatement("""
                update live_activities set status = 'ENDED', end_reason = coalesce(end_reason, ?),
                    content_state = ?::jsonb, ended_at = coalesce(ended_at, ?), updated_at = now()
                where id = ?
                """, ps -> {
            ps.setString(1, reason);
            ps.setString(2, json.write(finalContentState));
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setObject(4, id);
            return ps.executeUpdate();
        });
    }

    /** Marks an activity whose workflow is gone (e.g. never started) as ended, keeping its state. */
    public void markAbandoned(UUID id, String reason) {
        jdbc.prepareStatement("""
                update live_activities set status = 'ENDED', end_reason = coalesce(end_reason, ?), ended_at = coalesce(ended_at, now()),
                    updated_at = now()
                where id = ? and status = 'ACTIVE'
                """, ps -> {
            ps.setString(1, reason);
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    private Optional<LiveActivity> one(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return readAll(ps.executeQuery()).stream().findFirst();
        });
    }

    private List<LiveActivity> readAll(ResultSet rs) throws SQLException {
        try (rs) {
            List<LiveActivity> all = new ArrayList<>();
            while (rs.next()) {
                all.add(read(rs));
            }
            return all;
        }
    }

    private LiveActivity read(ResultSet rs) throws SQLException {
        double score = rs.getDouble("relevance_score");
        Double relevance = rs.wasNull() ? null : score;
        return new LiveActivity(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("app_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("external_user_id"),
                rs.getObject("device_id", UUID.class), rs.getString("external_id"),
                LiveActivityPlatform.valueOf(rs.getString("platform")), LiveActivityOrigin.valueOf(rs.getString("origin")),
                rs.getString("activity_type"), json.readObject(rs.getString("attributes")),
                json.readObject(rs.getString("content_state")), instant(rs, "stale_at"), relevance,
                LiveActivityStatus.valueOf(rs.getString("status")), rs.getString("end_reason"), rs.getString("update_token"),
                instant(rs, "update_token_at"), rs.getInt("pushes"), rs.getString("last_push_event"),
                rs.getString("last_push_outcome"), instant(rs, "last_push_at"), instant(rs, "created_at"),
                instant(rs, "ended_at"), instant(rs, "updated_at"), instant(rs, "content_timestamp"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setTimestamp(index, value == null ? null : Timestamp.from(value));
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
