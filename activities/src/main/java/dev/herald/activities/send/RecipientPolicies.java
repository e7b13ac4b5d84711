package dev.herald.activities.send;

import dev.herald.domain.send.DeliveryDecision;
import dev.herald.domain.send.LocalTimeDelivery;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.send.Send;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where per-recipient delivery decisions are made, a page at a time: deliver
 * now (with the content this device should get), suppress with a reason, or defer until an
 * instant. Deferred devices are recorded as DEFERRED in the ledger and the send workflow
 * delivers them when their instant comes, asking here again (with {@code dueAt} set).
 * Today: {@code deliverAtLocalTime}. Quiet hours, frequency caps and locale, template and
 * variant rendering (S5) belong here too.
 */
@Singleton
public class RecipientPolicies {

    public static final String LOCAL_TIME = "local_time";

    /**
     * @param dueAt null on a send's first pass over its recipients; the instant they were
     *              deferred to when a deferred group comes due
     */
    public Map<UUID, DeliveryDecision> decide(Send send, List<RecipientDevice> page, Instant dueAt, Instant now) {
        LocalTime localTime = LocalTimeDelivery.parse(send.deliverAtLocalTime()).orElse(null);
        Map<UUID, DeliveryDecision> decisions = new LinkedHashMap<>();
        for (RecipientDevice device : page) {
            DeliveryDecision decision = new DeliveryDecision.Deliver(send.content());
            if (dueAt == null && localTime != null) {
                Instant at = LocalTimeDelivery.next(localTime, LocalTimeDelivery.zoneOf(device.timezone()), now);
                if (at.isAfter(now)) {
                    decision = new DeliveryDecision.Defer(at, LOCAL_TIME);
                }
            }
            decisions.put(device.deviceId(), decision);
        }
        return decisions;
    }
}
