package dev.herald.domain.send;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The per send-and-device ledger, unique per (send, device). A device's row is written once per
 * decision: when it is suppressed or deferred, or when its push service answers (a retryable
 * answer leaves it pending). A device to be pushed now gets no row before it is contacted: that
 * would be a second write of every row, and a retried batch needs only the settled rows to send
 * to the rest.
 */
@Singleton
@Transactional
public class DeliveryLedger {

    private final JdbcOperations jdbc;

    public DeliveryLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a device's row should start as: pending (to deliver now), suppressed or deferred, and
     * the channel its push goes or would go through ({@code apns}, …, {@code capture}).
     */
    public record Planned(RecipientDevice device, DeliveryStatus status, String reason, Instant deliverAt, String channel) {
        public static Planned pending(RecipientDevice device, String channel) {
            return new Planned(device, DeliveryStatus.PENDING, null, null, channel);
        }
    }

    /** Records a pending row per device, on its channel; rows that exist already are left as they are. */
    public void recordPending(UUID sendId, UUID orgId, List<RecipientDevice> devices, Map<UUID, String> channels) {
        record(sendId, orgId, devices.stream().map(d -> Planned.pending(d, channels.get(d.deviceId()))).toList());
    }

    /**
     * Records a row per device as planned; rows that exist already are left as they are, so
     * a retried page keeps the decisions its first attempt made.
     */
    public void record(UUID sendId, UUID orgId, List<Planned> planned) {
        if (planned.isEmpty()) {
            return;
        }
        String sql = """
                insert into deliveries (send_id, device_id, org_id, app_id, user_id, provider, channel, status, reason, deliver_at,
                                        created_at, updated_at)
                select ?, d.device_id, ?, d.app_id, d.user_id, d.provider, d.channel, d.status, d.reason, d.deliver_at, now(), now()
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                     as d(device_id, app_id, user_id, provider, status, reason, deliver_at, channel)
                on conflict (send_id, device_id) do nothing
                """;
        jdbc.prepareStatement(sql, ps -> {
            Connection c = ps.getConnection();
            ps.setObject(1, sendId);
            ps.setObject(2, orgId);
            ps.setArray(3, c.createArrayOf("uuid", planned.stream().map(p -> p.device().deviceId()).toArray()));
            ps.setArray(4, c.createArrayOf("uuid", planned.stream().map(p -> p.device().appId()).toArray()));
            ps.setArray(5, c.createArrayOf("uuid", planned.stream().map(p -> p.device().userId()).toArray()));
            ps.setArray(6, c.createArrayOf("text", planned.stream().map(p -> p.device().provider().name()).toArray()));
            ps.setArray(7, c.createArrayOf("text", planned.stream().map(p -> p.status().name()).toArray()));
            ps.setArray(8, c.createArrayOf("text", planned.stream().map(Planned::reason).toArray()));
            ps.setArray(9, c.createArrayOf("timestamptz", planned.stream().map(p -> p.deliverAt() == null ? null : Timestamp.from(p.deliverAt())).toArray()));
            ps.setArray(10, c.createArrayOf("text", planned.stream().map(Planned::channel).toArray()));
            return ps.executeUpdate();
        });
    }

    /**
     * Re-plans rows that were deferred and are now due: each becomes pending, suppressed or
     * deferred again (to a later instant). Rows no longer deferred are left alone.
     */
    public void replanDeferred(UUID sendId, List<Planned> planned) {
        if (planned.isEmpty()) {
            return;
        }
        String sql = """
                update deliveries set status = o.status, reason = o.reason, deliver_at = o.deliver_at, updated_at = now()
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as o(device_id, status, reason, deliver_at)
                where deliveries.send_id = ? and deliveries.device_id = o.device_id and deliveries.device_id between ? and ?
                  and deliveries.status = 'DEFERRED'
                """;
        DeviceIdRange range = DeviceIdRange.of(planned.stream().map(p -> p.device().deviceId()).toList());
        jdbc.prepareStatement(sql, ps -> {
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("uuid", planned.stream().map(p -> p.device().deviceId()).toArray()));
            ps.setArray(2, c.createArrayOf("text", planned.stream().map(p -> p.status().name()).toArray()));
            ps.setArray(3, c.createArrayOf("text", planned.stream().map(Planned::reason).toArray()));
            ps.setArray(4, c.createArrayOf("timestamptz", planned.stream().map(p -> p.deliverAt() == null ? null : Timestamp.from(p.deliverAt())).toArray()));
            ps.setObject(5, sendId);
            ps.setObject(6, range.from());
            ps.setObject(7, range.to());
            return ps.executeUpdate();
        });
    }

    /** The earliest instant after {@code after} that some of the send's deferred rows wait for. */
    public Instant nextDeferredGroup(UUID sendId, Instant after) {
        return jdbc.prepareStatement(
                "select min(deliver_at) from deliveries where send_id = ? and status = 'DEFERRED' and deliver_at > ?", ps -> {
                    ps.setObject(1, sendId);
                    ps.setTimestamp(2, Timestamp.from(after == null ? Instant.EPOCH : after));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Timestamp t = rs.getTimestamp(1);
                        return t == null ? null : t.toInstant();
                    }
                });
    }

    /**
     * The devices among these the send is done with: suppressed, deferred (until their group is
     * due), accepted or failed. The rest, without a row or still pending, are owed an attempt.
     */
    public Set<UUID> settled(UUID sendId, List<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.prepareStatement(
                "select device_id from deliveries where " + AMONG + " and status <> 'PENDING'", ps -> {
                    bindAmong(ps, 1, sendId, deviceIds);
                    Set<UUID> ids = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                });
    }

    /**
     * Stores provider answers, each one attempt of its device: a device without a row gets one,
     * a pending row takes the answer, a settled row keeps its first answer.
     */
    public void recordAnswers(UUID sendId, UUID orgId, List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        String sql = """
                insert into deliveries (send_id, device_id, org_id, app_id, user_id, provider, channel, status, reason,
                                        provider_message_id, provider_status, attempts, sent_at, created_at, updated_at)
                select ?, o.device_id, ?, o.app_id, o.user_id, o.provider, o.channel, o.status, o.reason, o.message_id,
                       o.provider_status, 1, case when o.status = 'ACCEPTED' then now() end, now(), now()
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[])
                     as o(device_id, app_id, user_id, provider, channel, status, reason, message_id, provider_status)
                on conflict (send_id, device_id) do update set
                    channel = excluded.channel,
                    status = excluded.status,
                    reason = excluded.reason,
                    provider_message_id = excluded.provider_message_id,
                    provider_status = excluded.provider_status,
                    attempts = deliveries.attempts + 1,
                    sent_at = coalesce(excluded.sent_at, deliveries.sent_at),
                    updated_at = now()
                where deliveries.status = 'PENDING'
                """;
        jdbc.prepareStatement(sql, ps -> {
            Connection c = ps.getConnection();
            ps.setObject(1, sendId);
            ps.setObject(2, orgId);
            ps.setArray(3, c.createArrayOf("uuid", outcomes.stream().map(DeliveryOutcome::deviceId).toArray()));
            ps.setArray(4, c.createArrayOf("uuid", outcomes.stream().map(o -> o.device().appId()).toArray()));
            ps.setArray(5, c.createArrayOf("uuid", outcomes.stream().map(o -> o.device().userId()).toArray()));
            ps.setArray(6, c.createArrayOf("text", outcomes.stream().map(o -> o.device().provider().name()).toArray()));
            ps.setArray(7, c.createArrayOf("text", outcomes.stream().map(DeliveryOutcome::channel).toArray()));
            ps.setArray(8, c.createArrayOf("text", outcomes.stream().map(o -> o.status().name()).toArray()));
            ps.setArray(9, c.createArrayOf("text", outcomes.stream().map(DeliveryOutcome::reason).toArray()));
            ps.setArray(10, c.createArrayOf("text", outcomes.stream().map(DeliveryOutcome::providerMessageId).toArray()));
            ps.setArray(11, c.createArrayOf("int4", outcomes.stream().map(DeliveryOutcome::providerStatus).toArray()));
            return ps.executeUpdate();
        });
    }

    /**
     * Marks rows no attempt settled (e.g. the device was disabled meanwhile, or the send was
     * cancelled before a deferred row was due) as failed.
     */
    public int abandonPending(UUID sendId, String reason) {
        return jdbc.prepareStatement(
                "update deliveries set status = 'FAILED', reason = ?, updated_at = now() where send_id = ? and status in ('PENDING', 'DEFERRED')", ps -> {
                    ps.setString(1, reason);
                    ps.setObject(2, sendId);
                    return ps.executeUpdate();
                });
    }

    public Map<DeliveryStatus, Long> counts(UUID sendId) {
        return countWhere("send_id = ?", ps -> ps.setObject(1, sendId));
    }

    /** Why a send's devices failed: each reason with its number of devices, most frequent first. */
    public Map<String, Long> failureReasons(UUID sendId) {
        return jdbc.prepareStatement("""
                select coalesce(reason, 'unknown'), count(*) from deliveries where send_id = ? and status = 'FAILED'
                group by 1 order by 2 desc, 1
                """, ps -> {
            ps.setObject(1, sendId);
            Map<String, Long> reasons = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reasons.put(rs.getString(1), rs.getLong(2));
                }
            }
            return reasons;
        });
    }

    /** How some devices of a send stand in the ledger. */
    public Map<DeliveryStatus, Long> countsAmong(UUID sendId, List<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return countWhere("false", ps -> { });
        }
        return countWhere(AMONG, ps -> bindAmong(ps, 1, sendId, deviceIds));
    }

    /** Gives up on the given devices of a send that are still pending. */
    public int abandonPending(UUID sendId, List<UUID> deviceIds, String reason) {
        if (deviceIds.isEmpty()) {
            return 0;
        }
        return jdbc.prepareStatement(
                "update deliveries set status = 'FAILED', reason = ?, updated_at = now() where " + AMONG + " and status = 'PENDING'", ps -> {
                    ps.setString(1, reason);
                    bindAmong(ps, 2, sendId, deviceIds);
                    return ps.executeUpdate();
                });
    }

    /** Some devices of a send: bound with {@link #bindAmong}, read through the primary key within their id range. */
    private static final String AMONG = "send_id = ? and device_id = any(?) and device_id between ? and ?";

    private static void bindAmong(PreparedStatement ps, int first, UUID sendId, List<UUID> deviceIds) throws SQLException {
        DeviceIdRange range = DeviceIdRange.of(deviceIds);
        ps.setObject(first, sendId);
        ps.setArray(first + 1, ps.getConnection().createArrayOf("uuid", deviceIds.toArray()));
        ps.setObject(first + 2, range.from());
        ps.setObject(first + 3, range.to());
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Map<DeliveryStatus, Long> countWhere(String condition, Binder binder) {
        return jdbc.prepareStatement("select status, count(*) from deliveries where " + condition + " group by status", ps -> {
            binder.bind(ps);
            Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus s : DeliveryStatus.values()) {
                counts.put(s, 0L);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** A page of a send's ledger, in device id order. */
    public List<Delivery> list(UUID sendId, UUID afterDeviceId, int limit) {
        String sql = """
                select d.send_id, d.device_id, d.app_id, d.user_id, u.external_id, d.provider, d.channel, d.status, d.reason,
                       d.provider_message_id, d.provider_status, d.attempts, d.created_at, d.sent_at, d.updated_at,
                       d.ab_test_id, d.variant, d.opened_at, d.clicked_at, d.clicked_action
                from deliveries d left join users u on u.id = d.user_id
                where d.send_id = ? and d.device_id > ? order by d.device_id limit ?
                """;
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, sendId);
            ps.setObject(2, afterDeviceId == null ? Recipients.FIRST : afterDeviceId);
            ps.setInt(3, limit);
            List<Delivery> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        });
    }

    private static Delivery read(ResultSet rs) throws SQLException {
        return new Delivery(
                rs.getObject("send_id", UUID.class), rs.getObject("device_id", UUID.class),
                rs.getObject("app_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("external_id"),
                rs.getString("provider"), rs.getString("channel"), DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getString("provider_message_id"), rs.getObject("provider_status", Integer.class),
                rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                instant(rs, "sent_at"), rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("ab_test_id", UUID.class), rs.getString("variant"), instant(rs, "opened_at"), instant(rs, "clicked_at"),
                rs.getString("clicked_action"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
