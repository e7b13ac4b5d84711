package dev.herald.activities.provider.capture;

import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushProvider;
import dev.herald.activities.provider.PushRequest;
import dev.herald.activities.provider.apns.ApnsNotifications;
import dev.herald.activities.provider.fcm.FcmMessages;
import dev.herald.activities.provider.webpush.WebPushMessages;
import dev.herald.domain.JsonCodec;
import dev.herald.domain.capture.CaptureStore;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.user.DeviceProvider;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The sandbox provider (S4): for an app without credentials for a device's push service it
 * records the request Herald would have made, readable at {@code GET /v1/captured-pushes}.
 */
@Singleton
public class CaptureProvider implements PushProvider {

    public static final String CHANNEL = "capture";

    private final CaptureStore store;
    private final JsonCodec json;

    public CaptureProvider(CaptureStore store, JsonCodec json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request) {
        return sendAll(List.of(request)).get(0);
    }

    @Override
    public List<CompletableFuture<ProviderOutcome>> sendAll(List<PushRequest> requests) {
        List<CaptureStore.Capture> captures = new ArrayList<>(requests.size());
        for (PushRequest r : requests) {
            captures.add(capture(r));
        }
        store.save(captures);
        return requests.stream()
                .map(r -> CompletableFuture.completedFuture(ProviderOutcome.accepted(CHANNEL, null, null)))
                .toList();
    }

    private CaptureStore.Capture capture(PushRequest r) {
        var device = r.device();
        if (device.provider().family() == DeviceProvider.Family.APNS) {
            var notification = ApnsNotifications.notification(device.token(), ApnsNotifications.topic("capture", device.provider()),
                    device.provider(), r.content(), r.sendId(), device.deviceId(), Instant.now());
            return new CaptureStore.Capture(r.orgId(), device.appId(), r.sendId(), device.deviceId(), device.provider().name(),
                    device.token(), ApnsNotifications.headers(notification), notification.getPayload());
        }
        if (device.provider().family() == DeviceProvider.Family.FCM) {
            // the body of FCM's messages:send request, as the Admin SDK would post it
            String message = FcmMessages.json(FcmMessages.message(device.token(), r.content(), r.sendId()));
            return new CaptureStore.Capture(r.orgId(), device.appId(), r.sendId(), device.deviceId(), device.provider().name(),
                    device.token(), Map.of(), "{\"message\":" + message + "}");
        }
        if (device.provider().family() == DeviceProvider.Family.WEBPUSH) {
            // the plaintext the browser would decrypt, and the RFC 8030 headers of the request
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("TTL", WebPushMessages.ttlSeconds(r.content()));
            headers.put("Urgency", WebPushMessages.urgency(r.content()));
            headers.put("Topic", WebPushMessages.topic(r.content(), r.sendId()));
            return new CaptureStore.Capture(r.orgId(), device.appId(), r.sendId(), device.deviceId(), device.provider().name(),
                    device.token(), headers, json.write(WebPushMessages.payload(r.content(), r.sendId())));
        }
        return new CaptureStore.Capture(r.orgId(), device.appId(), r.sendId(), device.deviceId(), device.provider().name(),
                device.token(), Map.of(), json.write(genericPayload(r.content(), r)));
    }

    /** Provider-neutral rendering for push services whose own rendering Herald does not have yet. */
    private static Map<String, Object> genericPayload(PushContent content, PushRequest r) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", content.title());
        payload.put("body", content.body());
        payload.put("data", content.data());
        payload.put("herald", Map.of("sendId", r.sendId().toString()));
        return payload;
    }
}
