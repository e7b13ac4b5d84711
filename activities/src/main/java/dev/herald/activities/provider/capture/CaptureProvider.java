package dev.herald.activities.provider.capture;

import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.google.firebase.messaging.Message;
import dev.herald.activities.provider.OutcomeRules;
import dev.herald.activities.provider.PayloadSizes;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushPayloads;
import dev.herald.activities.provider.PushProvider;
import dev.herald.activities.provider.PushRequest;
import dev.herald.activities.provider.apns.ApnsNotifications;
import dev.herald.activities.provider.fcm.FcmMessages;
import dev.herald.activities.provider.onesignal.OneSignalMessages;
import dev.herald.activities.provider.webpush.WebPushMessages;
import dev.herald.activities.provider.webpush.WebPushProvider;
import dev.herald.domain.capture.CaptureStore;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.user.DeviceProvider;
import dev.herald.domain.user.DeviceTokenRules;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The sandbox provider (S4): for an app without credentials for a device's push service it
 * records the request Herald would have made, readable at {@code GET /v1/captured-pushes}. It
 * refuses what the real path refuses (a payload over the service's limit, an unusable Web Push
 * subscription) and answers a malformed token as the service would, so a capture never shows a
 * broken push as delivered.
 */
@Singleton
public class CaptureProvider implements PushProvider {

    public static final String CHANNEL = "capture";
    /** Stands in for the bundle id in captured APNs topics: an app without an APNs credential has none. */
    public static final String BUNDLE_ID = "capture";

    private final CaptureStore store;

    public CaptureProvider(CaptureStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request) {
        return sendAll(List.of(request)).get(0);
    }

    @Override
    public List<CompletableFuture<ProviderOutcome>> sendAll(List<PushRequest> requests) {
        List<CaptureStore.Capture> captures = new ArrayList<>(requests.size());
        List<CompletableFuture<ProviderOutcome>> outcomes = new ArrayList<>(requests.size());
        for (PushRequest r : requests) {
            Optional<ProviderOutcome> refused = malformedToken(r.device());
            if (refused.isEmpty()) {
                Rendered rendered = render(r);
                refused = rendered.refused();
                if (refused.isEmpty()) {
                    captures.add(CaptureStore.Capture.ofSend(r.orgId(), r.device().appId(), r.sendId(), r.device().deviceId(),
                            r.device().provider().name(), r.device().token(), rendered.headers(), rendered.payload()));
                }
            }
            outcomes.add(CompletableFuture.completedFuture(refused.orElseGet(() -> ProviderOutcome.accepted(CHANNEL, null, null))));
        }
        store.save(captures);
        return outcomes;
    }

    /** Records an ActivityKit push (start, update or end) as APNs would have received it. */
    public void captureLiveActivity(UUID orgId, UUID appId, UUID activityId, UUID deviceId, DeviceProvider provider,
                                    SimpleApnsPushNotification notification) {
        store.save(List.of(CaptureStore.Capture.ofLiveActivity(orgId, appId, activityId, deviceId, provider.name(),
                notification.getToken(), ApnsNotifications.headers(notification), notification.getPayload())));
    }

    /** Records an Android Live Update as the body of the FCM messages:send request it would have been. */
    public void captureLiveUpdate(UUID orgId, UUID appId, UUID activityId, UUID deviceId, DeviceProvider provider,
                                  String token, Message message) {
        store.save(List.of(CaptureStore.Capture.ofLiveActivity(orgId, appId, activityId, deviceId, provider.name(), token,
                Map.of(), fcmRequestBody(message))));
    }

    /** A request as the service would receive it, or the refusal that keeps it from being sent. */
    private record Rendered(Map<String, Object> headers, String payload, Optional<ProviderOutcome> refused) {
        static Rendered of(Map<String, Object> headers, String payload) {
            return new Rendered(headers, payload, Optional.empty());
        }

        static Rendered refusedBy(ProviderOutcome outcome) {
            return new Rendered(Map.of(), null, Optional.of(outcome));
        }
    }

    private static Rendered render(PushRequest r) {
        RecipientDevice device = r.device();
        return switch (device.provider().family()) {
            case APNS -> {
                String payload = ApnsNotifications.payload(r.content(), r.sendId());
                Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(device.provider(), payload);
                if (tooLarge.isPresent()) {
                    yield Rendered.refusedBy(tooLarge.get());
                }
                var notification = ApnsNotifications.notification(device.token(), ApnsNotifications.topic(BUNDLE_ID, device.provider()),
                        device.provider(), r.content(), payload, r.sendId(), device.deviceId(), Instant.now());
                yield Rendered.of(ApnsNotifications.headers(notification), payload);
            }
            case FCM -> {
                Message message = FcmMessages.message(device.token(), r.content(), r.sendId());
                Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(device.provider(), FcmMessages.json(message));
                yield tooLarge.map(Rendered::refusedBy).orElseGet(() -> Rendered.of(Map.of(), fcmRequestBody(message)));
            }
            case WEBPUSH -> {
                // the plaintext the browser would decrypt, and the RFC 8030 headers of the request
                byte[] payload = WebPushMessages.payloadBytes(r.content(), r.sendId());
                Optional<ProviderOutcome> refused = WebPushProvider.refusal(device, payload);
                if (refused.isPresent()) {
                    yield Rendered.refusedBy(refused.get());
                }
                Map<String, Object> headers = new LinkedHashMap<>();
                headers.put("TTL", WebPushMessages.ttlSeconds(r.content()));
                headers.put("Urgency", WebPushMessages.urgency(r.content()));
                headers.put("Topic", WebPushMessages.topic(r.content(), r.sendId()));
                yield Rendered.of(headers, new String(payload, StandardCharsets.UTF_8));
            }
            case ONESIGNAL -> {
                // the create-notification body forwarding would post; its app_id comes with the OneSignal credential
                Map<String, Object> body = OneSignalMessages.body(null, device.token(), r.content(), r.sendId(), device.deviceId());
                yield Rendered.of(Map.of("Content-Type", "application/json; charset=utf-8"), PushPayloads.json(body));
            }
        };
    }

    /**
     * A token of the wrong shape (registered before its shape was checked) is answered the way
     * its push service answers one: APNs BadDeviceToken, FCM's invalid registration, OneSignal's
     * invalid subscription, so the device is disabled as it would be for real.
     */
    private static Optional<ProviderOutcome> malformedToken(RecipientDevice device) {
        if (device.provider().family() == DeviceProvider.Family.WEBPUSH
                || DeviceTokenRules.validate(device.provider(), device.token(), null, null).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (device.provider().family()) {
            case APNS -> OutcomeRules.apnsRejected(400, "BadDeviceToken");
            case FCM -> OutcomeRules.fcmRejected(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token", null);
            case ONESIGNAL -> OutcomeRules.oneSignal(200, true, null, null);
            case WEBPUSH -> throw new IllegalStateException("Web Push subscriptions are checked by WebPushProvider.refusal");
        });
    }

    /** The body of FCM's messages:send request, as the Admin SDK would post it. */
    private static String fcmRequestBody(Message message) {
        return "{\"message\":" + FcmMessages.json(message) + "}";
    }
}
