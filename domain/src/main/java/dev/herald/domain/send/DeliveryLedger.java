package dev.herald.domain.send;

import dev.herald.domain.user.DeviceProvider;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The per send-and-device ledger. A row exists before a device is contacted; it is unique per
 * (send, device), so a retried batch finds what was already answered and sends only the rest.
 */
@Singleton
@Transactional
public class DeliveryLedger {

    /** Sorts before every uuid in PostgreSQL's (unsigned, bytewise) order: the cursor of a first page. */
    private static final UUID FIRST = new UUID(0, 0);

    private final JdbcOperations jdbc;

    public DeliveryLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The next page of enabled devices of a send's target users, in device id order. */
    public List<RecipientDevice> recipientPage(UUID sendId, UUID afterDeviceId, int limit) {
        String sql = """
                select d.id, d.app_id, d.user_id, d.provider, d.token, d.web_push_p256dh, d.web_push_auth, d.locale, d.timezone
                from send_users su join devices d on d.user_id = su.user_id
                where su.send_id = ? and d.enabled and d.id > ?
                order by d.id
                limit ?
                """;
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, sendId);
            ps.setObject(2, afterDeviceId == null ? FIRST : afterDeviceId);
            ps.setInt(3, limit);
            List<RecipientDevice> page = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(new RecipientDevice(
                            rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            DeviceProvider.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9)));
                }
            }
            return page;
        });
    }

    /** Records a pending row per device; rows that exist already are left as they are. */
    public void recordPending(UUID sendId, UUID orgId, List<RecipientDevice> devices) {
        if (devices.isEmpty()) {
            return;
        }
        String sql = """
                insert into deliveries (send_id, device_id, org_id, app_id, user_id, provider, channel, status, created_at, updated_at)
                select ?, d.device_id, ?, d.app_id, d.user_id, d.provider, 'pending', 'PENDING', now(), now()
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[]) as d(device_id, app_id, user_id, provider)
                on conflict (send_id, device_id) do nothing
                """;
        jdbc.prepareStatement(sql, ps -> {
            Connection c = ps.getConnection();
            ps.setObject(1, sendId);
            ps.setObject(2, orgId);
            ps.setArray(3, c.createArrayOf("uuid", devices.stream().map(RecipientDevice::deviceId).toArray()));
            ps.setArray(4, c.createArrayOf("uuid", devices.stream().map(RecipientDevice::appId).toArray()));
            ps.setArray(5, c.createArrayOf("uuid", devices.stream().map(RecipientDevice::userId).toArray()));
            ps.setArray(6, c.createArrayOf("text", devices.stream().map(d -> d.provider().name()).toArray()));
            return ps.executeUpdate();
        });
    }

    /** The devices among these that still need a delivery attempt for the send. */
    public Set<UUID> unsettled(UUID sendId, List<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.prepareStatement(
                "select device_id from deliveries where send_id = ? and device_id = any(?) and status = 'PENDING'", ps -> {
                    ps.setObject(1, sendId);
                    ps.setArray(2, ps.getConnection().createArrayOf("uuid", deviceIds.toArray()));
                    Set<UUID> ids = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                });
    }

    /** Stores provider answers; each counts as one attempt of its device. */
    public void record(UUID sendId, List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        String sql = """
                update deliveries set
                    channel = o.channel,
                    status = o.status,
                    reason = o.reason,
                    provider_message_id = o.message_id,
                    provider_status = o.provider_status,
                    attempts = attempts + 1,
                    sent_at = case when o.status = 'ACCEPTED' then now() else sent_at end,
                    updated_at = now()
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[])
                     as o(device_id, channel, status, reason, message_id, provider_status)
                where deliveries.send_id = ? and deliveries.device_id = o.device_id and deliveries.status = 'PENDING'
                """;
        jdbc.prepareStatement(sql, ps -> {
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("uuid", outcomes.stream().map(DeliveryOutcome::deviceId).toArray()));
            ps.setArray(2, c.createArrayOf("text", outcomes.stream().map(DeliveryOutcome::channel).toArray()));
            ps.setArray(3, c.createArrayOf("text", outcomes.stream().map(o -> o.status().name()).toArray()));
            ps.setArray(4, c.createArrayOf("text", outcomes.stream().map(DeliveryOutcome::reason).toArray()));
            ps.setArray(5, c.createArrayOf("text", outcomes.stream().map(DeliveryOutcome::providerMessageId).toArray()));
            ps.setArray(6, c.createArrayOf("int4", outcomes.stream().map(DeliveryOutcome::providerStatus).toArray()));
            ps.setObject(7, sendId);
            return ps.executeUpdate();
        });
    }

    /** Marks rows no attempt settled (e.g. the device was disabled meanwhile) as failed. */
    public int abandonPending(UUID sendId, String reason) {
        return jdbc.prepareStatement(
                "update deliveries set status = 'FAILED', reason = ?, updated_at = now() where send_id = ? and status = 'PENDING'", ps -> {
                    ps.setString(1, reason);
                    ps.setObject(2, sendId);
                    return ps.executeUpdate();
                });
    }

    public Map<DeliveryStatus, Long> counts(UUID sendId) {
        return countWhere("send_id = ?", sendId, null);
    }

    /** How some devices of a send stand in the ledger. */
    public Map<DeliveryStatus, Long> countsAmong(UUID sendId, List<UUID> deviceIds) {
        return countWhere("send_id = ? and device_id = any(?)", sendId, deviceIds);
    }

    /** Gives up on the given devices of a send that are still pending. */
    public int abandonPending(UUID sendId, List<UUID> deviceIds, String reason) {
        return jdbc.prepareStatement(
                "update deliveries set status = 'FAILED', reason = ?, updated_at = now() where send_id = ? and device_id = any(?) and status = 'PENDING'", ps -> {
                    ps.setString(1, reason);
                    ps.setObject(2, sendId);
                    ps.setArray(3, ps.getConnection().createArrayOf("uuid", deviceIds.toArray()));
                    return ps.executeUpdate();
                });
    }

    private Map<DeliveryStatus, Long> countWhere(String condition, UUID sendId, List<UUID> deviceIds) {
        return jdbc.prepareStatement("select status, count(*) from deliveries where " + condition + " group by status", ps -> {
            ps.setObject(1, sendId);
            if (deviceIds != null) {
                ps.setArray(2, ps.getConnection().createArrayOf("uuid", deviceIds.toArray()));
            }
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
                       d.provider_message_id, d.provider_status, d.attempts, d.created_at, d.sent_at, d.updated_at
                from deliveries d left join users u on u.id = d.user_id
                where d.send_id = ? and d.device_id > ? order by d.device_id limit ?
                """;
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, sendId);
            ps.setObject(2, afterDeviceId == null ? FIRST : afterDeviceId);
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
                rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
