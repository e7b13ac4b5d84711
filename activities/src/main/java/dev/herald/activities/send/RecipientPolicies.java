package dev.herald.activities.send;

import dev.herald.activities.policy.SendPolicies;
import dev.herald.domain.policy.PolicyDecision;
import dev.herald.domain.policy.RecipientPlanning;
import dev.herald.domain.send.DeliveryDecision;
import dev.herald.domain.send.LocalTimeDelivery;
import dev.herald.domain.send.PushTargeting;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.send.Send;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place where per-recipient delivery decisions are made, a page at a time: deliver
 * now (with the content this device should get), suppress with a reason, or defer until an
 * instant. A push that cannot go to a device at all ({@link PushTargeting}: a VoIP push and a
 * non-VoIP token or the reverse, or a push past its expiry) is suppressed first. Deferred devices are recorded as DEFERRED in the ledger and the send workflow
 * delivers them when their instant comes, asking here again (with {@code dueAt} set).
 * {@code deliverAtLocalTime} defers first; then {@link SendPolicies} applies S5: quiet hours,
 * frequency caps (transactional sends bypass both), and the personalised content: A/B
 * variant, locale, template variables.
 */
@Singleton
public class RecipientPolicies {

    public static final String LOCAL_TIME = "local_time";

    private final SendPolicies sendPolicies;

    public RecipientPolicies(SendPolicies sendPolicies) {
        this.sendPolicies = sendPolicies;
    }

    /**
     * @param dueAt null on a send's first pass over its recipients; the instant they were
     *              deferred to when a deferred group comes due
     */
    public Map<UUID, DeliveryDecision> decide(Send send, List<RecipientDevice> page, Instant dueAt, Instant now) {
        LocalTime localTime = LocalTimeDelivery.parse(send.deliverAtLocalTime()).orElse(null);
        Map<UUID, DeliveryDecision> decisions = new LinkedHashMap<>();
        List<RecipientDevice> due = new ArrayList<>();
        for (RecipientDevice device : page) {
            Optional<String> refusal = PushTargeting.refusal(send.content(), device.provider(), now);
            if (refusal.isPresent()) {
                decisions.put(device.deviceId(), new DeliveryDecision.Suppress(refusal.get()));
                continue;
            }
            if (dueAt == null && localTime != null) {
                Instant at = LocalTimeDelivery.next(localTime, LocalTimeDelivery.zoneOf(device.timezone()), now);
                if (at.isAfter(now)) {
                    decisions.put(device.deviceId(), new DeliveryDecision.Defer(at, LOCAL_TIME));
                    continue;
                }
            }
            due.add(device);
        }
        sendPolicies.plan(send, due, dueAt, now).forEach((deviceId, planned) -> decisions.put(deviceId, decision(planned)));
        return decisions;
    }

    private static DeliveryDecision decision(RecipientPlanning.Planned planned) {
        if (planned.decision() instanceof PolicyDecision.Suppress suppress) {
            return new DeliveryDecision.Suppress(suppress.reason());
        }
        if (planned.decision() instanceof PolicyDecision.Defer defer) {
            return new DeliveryDecision.Defer(defer.until(), defer.reason());
        }
        return new DeliveryDecision.Deliver(planned.content());
    }

    /** Records the A/B variant of each device of the page on its ledger row, once the rows exist. */
    public void recordVariants(Send send, List<RecipientDevice> page) {
        sendPolicies.recordVariants(send, page);
    }
}
