package dev.herald.activities.provider;

import dev.herald.domain.event.Event;
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
 * is recorded, once per disabling.
 */
@Singleton
public class TokenInvalidation {

    private final DeviceStore devices;
    private final EventStore events;

    public TokenInvalidation(DeviceStore devices, EventStore events) {
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
        record(EventStore.NewEvent.observed(orgId, device.appId(), device.userId(), Event.TOKEN_INVALIDATED, properties));
    }

    /** The one place Herald's own push events are recorded (an automation dispatcher may take them later). */
    private void record(EventStore.NewEvent event) {
        events.record(event);
    }
}
