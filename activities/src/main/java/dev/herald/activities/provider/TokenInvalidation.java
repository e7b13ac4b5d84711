package dev.herald.activities.provider;

import dev.herald.domain.event.Event;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventStore;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.user.DeviceStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A push service said a token is dead: the device is disabled at once (no later push goes to
 * it; the hourly cleanup deletes it after the grace period) and {@code push.token_invalidated}
 * is recorded through the event intake (so it starts the automations it triggers), once per
 * disabling. Both happen in one transaction: should the event's dispatch fail, the device stays
 * enabled and the next push to it finds the dead token again.
 */
@Singleton
public class TokenInvalidation {

    private final DeviceStore devices;
    private final EventIntake events;

    public TokenInvalidation(DeviceStore devices, EventIntake events) {
        this.devices = devices;
        this.events = events;
    }

    @Transactional
    public void invalidate(UUID orgId, UUID sendId, RecipientDevice device, ProviderOutcome outcome) {
        if (!devices.disable(device.deviceId(), outcome.reason())) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("deviceId", device.deviceId().toString());
        properties.put("provider", device.provider().name());
        properties.put("reason", outcome.reason());
        if (outcome.providerStatus() != null) {
            properties.put("providerStatus", outcome.providerStatus());
        }
        properties.put("sendId", sendId.toString());
        events.record(EventStore.NewEvent.observed(orgId, device.appId(), device.userId(), Event.TOKEN_INVALIDATED, properties));
    }
}
