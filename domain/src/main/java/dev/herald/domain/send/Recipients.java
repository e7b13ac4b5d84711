package dev.herald.domain.send;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.segment.AudienceFilter;
import dev.herald.domain.segment.AudienceFilters;
import dev.herald.domain.segment.AudienceSql;
import dev.herald.domain.segment.SqlParams;
import dev.herald.domain.user.DeviceProvider;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a send's recipient devices page by page, in device id order (keyset pagination,
 * never the whole audience in memory): the devices of its target users or tokens, or the
 * org's devices matching its audience filter, or the ledger rows deferred to one instant.
 * Locale and timezone are the effective ones: the device's, else its user's (else, for the
 * timezone, the app's default).
 */
@Singleton
@Transactional
public class Recipients {

    /** Sorts before every uuid in PostgreSQL's (unsigned, bytewise) order. */
    public static final UUID FIRST = new UUID(0, 0);
    /** Sorts after every uuid. */
    public static final UUID LAST = new UUID(-1L, -1L);

    private static final String COLUMNS = """
            select d.id, d.app_id, d.user_id, d.provider, d.token, d.web_push_p256dh, d.web_push_auth,
                   coalesce(d.locale, u.locale), coalesce(d.timezone, u.timezone, a.default_timezone)
            """;

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public Recipients(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Devices of the send with {@code after < id <= upTo}, at most {@code limit}. */
    public List<RecipientDevice> page(Send send, UUID after, UUID upTo, int limit) {
        if (send.targetKind() == SendTarget.Kind.AUDIENCE) {
            AudienceSql.Fragment where = AudienceSql.where(filterOf(send));
            return query(COLUMNS + """
                    from devices d join users u on u.id = d.user_id join apps a on a.id = d.app_id
                    where d.org_id = ? and d.enabled and d.id > ? and d.id <= ? and\s""" + where.sql() + " order by d.id limit ?", ps -> {
                ps.setObject(1, send.orgId());
                ps.setObject(2, after == null ? FIRST : after);
                ps.setObject(3, upTo == null ? LAST : upTo);
                int next = SqlParams.bind(ps, 4, where.params());
                ps.setInt(next, limit);
            }, limit);
        }
        return query(COLUMNS + """
                from send_devices sd join devices d on d.id = sd.device_id join users u on u.id = d.user_id join apps a on a.id = d.app_id
                where sd.send_id = ? and d.enabled and sd.device_id > ? and sd.device_id <= ?
                order by sd.device_id limit ?
                """, ps -> {
            ps.setObject(1, send.id());
            ps.setObject(2, after == null ? FIRST : after);
            ps.setObject(3, upTo == null ? LAST : upTo);
            ps.setInt(4, limit);
        }, limit);
    }

    /**
     * Ledger rows of the send deferred to {@code dueAt}, with {@code after < device id <= upTo},
     * whatever became of them since (so a retried page finds the rows its first attempt moved on).
     */
    public List<RecipientDevice> deferredPage(UUID sendId, Instant dueAt, UUID after, UUID upTo, int limit) {
        return query(COLUMNS + """
                from deliveries l join devices d on d.id = l.device_id join users u on u.id = d.user_id join apps a on a.id = d.app_id
                where l.send_id = ? and l.deliver_at = ? and d.enabled and l.device_id > ? and l.device_id <= ?
                order by l.device_id limit ?
                """, ps -> {
            ps.setObject(1, sendId);
            ps.setTimestamp(2, Timestamp.from(dueAt));
            ps.setObject(3, after == null ? FIRST : after);
            ps.setObject(4, upTo == null ? LAST : upTo);
            ps.setInt(5, limit);
        }, limit);
    }

    /** How many devices the send targets now. */
    public long count(Send send) {
        if (send.targetKind() == SendTarget.Kind.AUDIENCE) {
            AudienceSql.Fragment where = AudienceSql.where(filterOf(send));
            return jdbc.prepareStatement("select count(*) from devices d join users u on u.id = d.user_id where d.org_id = ? and d.enabled and "
                    + where.sql(), ps -> {
                ps.setObject(1, send.orgId());
                SqlParams.bind(ps, 2, where.params());
                return single(ps);
            });
        }
        return jdbc.prepareStatement("select count(*) from send_devices sd join devices d on d.id = sd.device_id where sd.send_id = ? and d.enabled", ps -> {
            ps.setObject(1, send.id());
            return single(ps);
        });
    }

    /** How many users an audience send's (frozen) filter matches now: the users owning its enabled devices. */
    public long countUsers(Send send) {
        AudienceSql.Fragment where = AudienceSql.where(filterOf(send));
        return jdbc.prepareStatement("select count(distinct d.user_id) from devices d join users u on u.id = d.user_id "
                + "where d.org_id = ? and d.enabled and " + where.sql(), ps -> {
            ps.setObject(1, send.orgId());
            SqlParams.bind(ps, 2, where.params());
            return single(ps);
        });
    }

    private AudienceFilter filterOf(Send send) {
        if (send.audience() == null) {
            throw new IllegalStateException("send " + send.id() + " has no audience yet: it has not started");
        }
        return AudienceFilters.parse(json.readObject(send.audience()), "audience").filter();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<RecipientDevice> query(String sql, Binder binder, int limit) {
        return jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            List<RecipientDevice> page = new ArrayList<>(Math.min(limit, 1000));
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

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
