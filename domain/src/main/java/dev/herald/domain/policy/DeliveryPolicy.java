package dev.herald.domain.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;

/**
 * An app's delivery policies (S5): quiet hours (deferred to the window's end or suppressed) and
 * frequency caps. Transactional sends (receipts, password resets) bypass both.
 *
 * @param quietHours null when the app has none
 */
public record DeliveryPolicy(QuietHours quietHours, boolean deferInQuietHours, FrequencyCap cap) {

    public static final DeliveryPolicy NONE = new DeliveryPolicy(null, false, FrequencyCap.NONE);

    public DeliveryPolicy {
        cap = cap == null ? FrequencyCap.NONE : cap;
    }

    /**
     * @param zone          the recipient's zone (see {@link RecipientZone})
     * @param earlierSends  when the user's earlier non-suppressed sends from this app went out,
     *                      at least over {@link FrequencyCap#lookBack()}
     */
    public PolicyDecision decide(boolean transactional, ZoneId zone, Instant now, Collection<Instant> earlierSends) {
        return decide(transactional, zone, now, now, earlierSends);
    }

    /**
     * As {@link #decide(boolean, ZoneId, Instant, Collection)}, judging quiet hours at
     * {@code quietHoursAt}: a deferred recipient is asked again at its window's end, which a
     * clock a little behind (or a skipped test clock) must not take for still inside it.
     */
    public PolicyDecision decide(boolean transactional, ZoneId zone, Instant quietHoursAt, Instant now, Collection<Instant> earlierSends) {
        if (transactional) {
            return PolicyDecision.deliver();
        }
        if (quietHours != null) {
            Optional<Instant> windowEnd = quietHours.windowEnd(quietHoursAt, zone);
            if (windowEnd.isPresent()) {
                return deferInQuietHours
                        ? new PolicyDecision.Defer(windowEnd.get(), PolicyDecision.QUIET_HOURS)
                        : new PolicyDecision.Suppress(PolicyDecision.QUIET_HOURS);
            }
        }
        if (cap.reached(earlierSends, now)) {
            return new PolicyDecision.Suppress(PolicyDecision.FREQUENCY_CAP);
        }
        return PolicyDecision.deliver();
    }
}
