package dev.herald.domain.policy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When users last got pushes from an app, for frequency caps: one instant per earlier send (its
 * first accepted delivery to the user), from the ledger. Suppressed, deferred and failed rows
 * did not reach the user and do not count; nor do transactional sends, which caps never limit.
 */
@Singleton
@Transactional
public class RecentSends {

    private final JdbcOperations jdbc;

    public RecentSends(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per (user, app) of the given pairs: when each other send reached the user since {@code since}.
     * One index probe per pair (deliveries_user_sent): joined the other way round, the planner
     * may read every delivery of the look-back, i.e. the whole running broadcast, once per page.
     */
    public Map<UserApp, List<Instant>> since(UUID excludingSendId, Collection<UserApp> recipients, Instant since) {
        Map<UserApp, List<Instant>> sends = new HashMap<>();
        if (recipients.isEmpty()) {
            return sends;
        }
        return jdbc.prepareStatement("""
                select r.user_id, r.app_id, earlier.sent_at
                from unnest(?::uuid[], ?::uuid[]) as r(user_id, app_id)
                cross join lateral (
                    select min(d.sent_at) as sent_at
                    from deliveries d left join send_policies p on p.send_id = d.send_id
                    where d.user_id = r.user_id and d.app_id = r.app_id and d.status = 'ACCEPTED' and d.sent_at > ?
                      and d.send_id <> ? and not coalesce(p.transactional, false)
                    group by d.send_id) earlier
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", recipients.stream().map(UserApp::userId).toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", recipients.stream().map(UserApp::appId).toArray()));
            ps.setTimestamp(3, Timestamp.from(since));
            ps.setObject(4, excludingSendId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sends.computeIfAbsent(new UserApp(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)), k -> new ArrayList<>())
                            .add(rs.getTimestamp(3).toInstant());
                }
            }
            return sends;
        });
    }

    public record UserApp(UUID userId, UUID appId) {
    }
}
