package dev.herald.domain.capture;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import dev.herald.domain.JsonCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
@Transactional
public class CaptureStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public CaptureStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One captured request: of a send, or (with {@code sendId} null) of the live activity {@code liveActivityId}. */
    public record Capture(UUID orgId, UUID appId, UUID sendId, UUID liveActivityId, UUID deviceId, String provider, String token,
                          Map<String, Object> headers, String payloadJson) {

        public static Capture ofSend(UUID orgId, UUID appId, UUID sendId, UUID deviceId, String provider, String token,
                                     Map<String, Object> headers, String payloadJson) {
            return new Capture(orgId, appId, sendId, null, deviceId, provider, token, headers, payloadJson);
        }

        public static Capture ofLiveActivity(UUID orgId, UUID appId, UUID liveActivityId, UUID deviceId, String provider,
                                             String token, Map<String, Object> headers, String payloadJson) {
            return new Capture(orgId, appId, null, liveActivityId, deviceId, provider, token, headers, payloadJson);
        }
    }

    public void save(List<Capture> captures) {
        if (captures.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                insert into captured_pushes (org_id, app_id, send_id, live_activity_id, device_id, provider, token, headers, payload,
                                             captured_at)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now())
                """, ps -> {
            for (Capture c : captures) {
                ps.setObject(1, c.orgId());
                ps.setObject(2, c.appId());
                ps.setObject(3, c.sendId());
                ps.setObject(4, c.liveActivityId());
                ps.setObject(5, c.deviceId());
                ps.setString(6, c.provider());
                ps.setString(7, c.token());
                ps.setString(8, json.write(c.headers()));
                ps.setString(9, c.payloadJson());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Oldest first, after the given id; optionally only one send's, or one live activity's. */
    public List<CapturedPush> list(UUID orgId, UUID sendId, UUID liveActivityId, long afterId, int limit) {
        String sql = "select * from captured_pushes where org_id = ? and id > ?"
                + (sendId == null ? "" : " and send_id = ?")
                + (liveActivityId == null ? "" : " and live_activity_id = ?") + " order by id limit ?";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, orgId);
            ps.setLong(i++, afterId);
            if (sendId != null) {
                ps.setObject(i++, sendId);
            }
            if (liveActivityId != null) {
                ps.setObject(i++, liveActivityId);
            }
            ps.setInt(i, limit);
            List<CapturedPush> pushes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pushes.add(new CapturedPush(rs.getLong("id"), rs.getObject("app_id", UUID.class),
                            rs.getObject("send_id", UUID.class), rs.getObject("live_activity_id", UUID.class),
                            rs.getObject("device_id", UUID.class),
                            rs.getString("provider"), rs.getString("token"),
                            json.readObject(rs.getString("headers")), json.readObject(rs.getString("payload")),
                            rs.getTimestamp("captured_at").toInstant()));
                }
            }
            return pushes;
        });
    }
}
