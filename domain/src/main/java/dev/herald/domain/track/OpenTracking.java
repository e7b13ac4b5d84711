package dev.herald.domain.track;

import dev.herald.domain.send.DeliveryStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens and clicks of delivered pushes, stamped on their ledger rows (S8): the first open and
 * the first click count; a repeated report changes nothing; pushes that never reached the
 * device are not stamped. A/B stats count these stamps.
 */
@Singleton
@Transactional
public class OpenTracking {

    private final JdbcOperations jdbc;

    public OpenTracking(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param externalUserId the customer's id of the user the push went to
     * @param firstOpen      whether this report is the push's first open (else it was opened before)
     * @param firstClick     whether this report is its first click
     */
    public record Stamped(UUID appId, UUID userId, String externalUserId, boolean firstOpen, boolean firstClick,
                          AutomationStep origin) {
    }

    /** The automation run and step whose {@code send_push} made a send, so its opens can be told from other pushes'. */
    public record AutomationStep(String automationKey, long runId, String stepId) {
    }

    /** A delivery as tracking sees it: the customer's id of its user, and its ledger status. */
    public record Recipient(String externalUserId, DeliveryStatus status) {
    }

    /** The user a delivery of an org's send went to, and its status; empty when the org has no such delivery. */
    public Optional<Recipient> recipientOf(UUID orgId, UUID sendId, UUID deviceId) {
        return jdbc.prepareStatement("""
                select u.external_id, d.status from deliveries d join users u on u.id = d.user_id
                where d.org_id = ? and d.send_id = ? and d.device_id = ?
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, sendId);
            ps.setObject(3, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Recipient(rs.getString(1), DeliveryStatus.valueOf(rs.getString(2)))) : Optional.empty();
            }
        });
    }

    /**
     * Stamps the row of a device of an org's send; empty when the org has no such delivery, or
     * its push never reached the device ({@link DeliveryStatus#mayHaveReachedDevice()}): an
     * open of a suppressed or failed push is not one.
     */
    public Optional<Stamped> stamp(UUID orgId, UUID sendId, UUID deviceId, boolean clicked, String actionId) {
        return jdbc.prepareStatement("""
                with before as (
                    select d.send_id, d.device_id, d.opened_at, d.clicked_at
                    from deliveries d where d.org_id = ? and d.send_id = ? and d.device_id = ?
                      and d.status in ('ACCEPTED', 'PENDING') for update
                )
                update deliveries d set
                    opened_at = coalesce(d.opened_at, now()),
                    clicked_at = case when ? then coalesce(d.clicked_at, now()) else d.clicked_at end,
                    clicked_action = case when ? and d.clicked_at is null then ? else d.clicked_action end,
                    updated_at = now()
                from before b
                left join automation_run_sends s on s.send_id = b.send_id
                left join automation_runs r on r.id = s.run_id
                left join automations a on a.id = r.automation_id
                where d.send_id = b.send_id and d.device_id = b.device_id
                returning d.app_id, d.user_id, (select external_id from users u where u.id = d.user_id),
                          b.opened_at is null, ? and b.clicked_at is null, a.key, s.run_id, s.step_id
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, sendId);
            ps.setObject(3, deviceId);
            ps.setBoolean(4, clicked);
            ps.setBoolean(5, clicked);
            ps.setString(6, actionId);
            ps.setBoolean(7, clicked);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Stamped(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getBoolean(4), rs.getBoolean(5),
                        rs.getString(6) == null ? null : new AutomationStep(rs.getString(6), rs.getLong(7), rs.getString(8))))
                        : Optional.empty();
            }
        });
    }
}
