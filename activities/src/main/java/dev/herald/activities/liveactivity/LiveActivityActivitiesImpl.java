package dev.herald.activities.liveactivity;

import dev.herald.activities.provider.OutcomeRules;
import dev.herald.activities.provider.PayloadSizes;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.apns.ApnsClients;
import dev.herald.activities.provider.apns.ApnsCredential;
import dev.herald.activities.provider.apns.ApnsOutcomes;
import dev.herald.activities.provider.apns.ApnsSettings;
import dev.herald.activities.provider.apns.LiveActivityNotifications;
import dev.herald.activities.provider.capture.CaptureProvider;
import dev.herald.activities.provider.capture.CaptureSettings;
import dev.herald.activities.provider.fcm.FcmClients;
import dev.herald.activities.provider.fcm.FcmMessages;
import dev.herald.activities.provider.fcm.LiveUpdateMessages;
import dev.herald.domain.credential.CredentialKind;
import dev.herald.domain.credential.CredentialStore;
import dev.herald.domain.credential.StoredCredential;
import dev.herald.domain.event.Event;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventSource;
import dev.herald.domain.event.EventStore;
import dev.herald.domain.liveactivity.LiveActivity;
import dev.herald.domain.liveactivity.LiveActivityStore;
import dev.herald.domain.liveactivity.StartTokenStore;
import dev.herald.domain.user.Device;
import dev.herald.domain.user.DeviceProvider;
import dev.herald.domain.user.DeviceStore;
import dev.herald.workflows.liveactivity.LiveActivityActivities;
import dev.herald.workflows.liveactivity.LiveActivityPush;
import dev.herald.workflows.liveactivity.PushResult;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Pushes for live activities: finds the activity's token (the push-to-start token of its device
 * for a start, else its update token), sends through the app's shared APNs client (or FCM for an
 * Android Live Update), records the push on the activity and retires a token the service calls
 * invalid. An app without credentials for the service has its pushes captured when capture is
 * on, exactly as they would have been sent, else they fail as {@code <service>:no_credentials}.
 */
@Singleton
public class LiveActivityActivitiesImpl implements LiveActivityActivities {

    private final LiveActivityStore activities;
    private final StartTokenStore startTokens;
    private final DeviceStore devices;
    private final CredentialStore credentials;
    private final ApnsClients apnsClients;
    private final ApnsSettings apnsSettings;
    private final FcmClients fcmClients;
    private final EventIntake events;
    private final CaptureProvider capture;
    private final boolean captureEnabled;

    public LiveActivityActivitiesImpl(LiveActivityStore activities, StartTokenStore startTokens, DeviceStore devices,
                                      CredentialStore credentials, ApnsClients apnsClients, ApnsSettings apnsSettings,
                                      FcmClients fcmClients, EventIntake events, CaptureProvider capture,
                                      CaptureSettings captureSettings) {
        this.capture = capture;
        this.captureEnabled = captureSettings.enabled();
        this.activities = activities;
        this.startTokens = startTokens;
        this.devices = devices;
        this.credentials = credentials;
        this.apnsClients = apnsClients;
        this.apnsSettings = apnsSettings;
        this.fcmClients = fcmClients;
        this.events = events;
    }

    @Override
    public PushResult push(LiveActivityPush push) {
        LiveActivity activity = activities.getById(push.activityId());
        PushResult result = switch (activity.platform()) {
            case IOS -> pushToApns(activity, push);
            case ANDROID -> pushToFcm(activity, push);
        };
        activities.recordPush(activity.id(), push.event(), result.describe(), push.update().contentState(),
                push.update().staleDate(), push.update().relevanceScore(), push.update().timestamp());
        return result;
    }

    @Override
    public void recordEnded(UUID activityId, String reason, Map<String, Object> finalContentState, Instant at) {
        activities.markEnded(activityId, reason, finalContentState, at);
    }

    private PushResult pushToApns(LiveActivity activity, LiveActivityPush push) {
        boolean start = LiveActivityPush.START.equals(push.event());
        Optional<Device> device = activity.deviceId() == null ? Optional.empty() : devices.find(activity.orgId(), activity.deviceId());
        if (device.isEmpty()) {
            return PushResult.of(PushResult.Outcome.FAILED, "device_removed");
        }
        String token = start
                ? startTokens.find(device.get().id(), activity.activityType()).map(StartTokenStore.StartToken::token).orElse(null)
                : activity.updateToken();
        if (token == null) {
            return PushResult.of(PushResult.Outcome.NO_TOKEN, start ? "no push-to-start token" : "no update token yet");
        }
        Optional<StoredCredential> stored = credentials.find(activity.appId(), CredentialKind.APNS);
        if (stored.isEmpty() && !captureEnabled) {
            return failed(OutcomeRules.noCredentials(DeviceProvider.Family.APNS));
        }
        ApnsCredential credential = stored.map(ApnsCredential::of).orElse(null);
        if (credential != null && credential.authType() == ApnsCredential.AuthType.CERTIFICATE) {
            // APNs takes liveactivity pushes on token-based connections only
            return PushResult.of(PushResult.Outcome.FAILED, "apns:liveactivity_needs_token_auth");
        }
        var notification = LiveActivityNotifications.notification(token,
                credential == null ? CaptureProvider.BUNDLE_ID : credential.bundleId(),
                LiveActivityNotifications.Event.valueOf(push.event()), push.update(), push.dismissalDate(),
                activity.activityType(), activity.startAttributes(), LiveActivityNotifications.apnsId(activity.id(), push.sequence()),
                Instant.now());
        // APNs would answer 413: neither it nor the capture is asked
        Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(device.get().provider(), notification.getPayload());
        if (tooLarge.isPresent()) {
            return failed(tooLarge.get());
        }
        if (credential == null) {
            capture.captureLiveActivity(activity.orgId(), activity.appId(), activity.id(), device.get().id(), device.get().provider(),
                    notification);
            return PushResult.sent();
        }
        boolean sandbox = device.get().provider() == DeviceProvider.APNS_SANDBOX || credential.sandbox();
        ProviderOutcome outcome;
        try {
            outcome = apnsClients.client(credential, () -> credentials.secretOf(stored.get()), sandbox).send(notification)
                    .orTimeout(apnsSettings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .handle((response, failure) -> failure == null ? ApnsOutcomes.of(response) : ApnsOutcomes.of(failure))
                    .join();
        } catch (IllegalStateException unusableCredential) {
            return PushResult.of(PushResult.Outcome.FAILED, "apns:credential_unusable");
        }
        return resultOf(outcome, () -> retire(activity, device.get(), start, token, outcome.reason()));
    }

    /**
     * An Android Live Update goes to the device's own FCM token as a data-only message; a token
     * FCM calls invalid disables the device, as for any push (S4).
     */
    private PushResult pushToFcm(LiveActivity activity, LiveActivityPush push) {
        Optional<Device> device = activity.deviceId() == null ? Optional.empty() : devices.find(activity.orgId(), activity.deviceId());
        if (device.isEmpty()) {
            return PushResult.of(PushResult.Outcome.FAILED, "device_removed");
        }
        if (!device.get().enabled()) {
            return PushResult.of(PushResult.Outcome.NO_TOKEN, "the device is disabled");
        }
        Optional<StoredCredential> stored = credentials.find(activity.appId(), CredentialKind.FCM);
        if (stored.isEmpty() && !captureEnabled) {
            return failed(OutcomeRules.noCredentials(DeviceProvider.Family.FCM));
        }
        var message = LiveUpdateMessages.message(device.get().token(), activity.id(), push.event(), push.update(),
                push.dismissalDate(), activity.activityType(), activity.attributes(), Instant.now());
        Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(device.get().provider(), FcmMessages.json(message));
        if (tooLarge.isPresent()) {
            return failed(tooLarge.get());
        }
        if (stored.isEmpty()) {
            capture.captureLiveUpdate(activity.orgId(), activity.appId(), activity.id(), device.get().id(), device.get().provider(),
                    device.get().token(), message);
            return PushResult.sent();
        }
        ProviderOutcome outcome;
        try {
            outcome = fcmClients.client(stored.get(), () -> credentials.secretOf(stored.get())).send(message)
                    .handle((name, failure) -> failure == null
                            ? ProviderOutcome.accepted(OutcomeRules.FCM, name, 200)
                            : LiveUpdateMessages.outcomeOf(failure))
                    .join();
        } catch (IllegalStateException unusableCredential) {
            return PushResult.of(PushResult.Outcome.FAILED, "fcm:credential_unusable");
        }
        return resultOf(outcome, () -> {
            devices.disable(device.get().id(), outcome.reason());
            recordInvalidToken(activity, device.get(), "device", device.get().token(), outcome.reason());
        });
    }

    /** A push Herald refuses to make, with its provider's code (e.g. {@code apns:no_credentials}). */
    private static PushResult failed(ProviderOutcome refusal) {
        return PushResult.of(PushResult.Outcome.FAILED, refusal.reason());
    }

    /** Accepted is sent; a retryable answer fails the attempt (to be retried); a dead token is retired. */
    private static PushResult resultOf(ProviderOutcome outcome, Runnable retireToken) {
        return switch (outcome.result()) {
            case ACCEPTED -> PushResult.sent();
            case RETRY -> throw ApplicationFailure.newBuilder()
                    .setType("RetryablePush")
                    .setMessage("the push service asked to retry: " + outcome.reason())
                    .setNextRetryDelay(outcome.retryAfter())
                    .build();
            case FAILED -> {
                if (!outcome.tokenInvalid()) {
                    yield PushResult.of(PushResult.Outcome.FAILED, outcome.reason());
                }
                retireToken.run();
                yield PushResult.of(PushResult.Outcome.TOKEN_INVALID, outcome.reason());
            }
        };
    }

    /**
     * A token APNs refused for good is forgotten at once, and the event recorded (S4). The event
     * is keyed by the token: should its dispatch fail, the push's retry (which finds the token
     * retired already) records nothing twice but makes sure of the dispatch.
     */
    private void retire(LiveActivity activity, Device device, boolean start, String token, String reason) {
        if (start) {
            startTokens.retire(device.id(), activity.activityType(), token);
        } else {
            activities.retireUpdateToken(activity.id(), token);
        }
        recordInvalidToken(activity, device, start ? "live_activity_push_to_start" : "live_activity_update", token, reason);
    }

    private void recordInvalidToken(LiveActivity activity, Device device, String tokenKind, String token, String reason) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tokenKind", tokenKind);
        properties.put("liveActivityId", activity.id().toString());
        properties.put("activityType", activity.activityType());
        properties.put("deviceId", device.id().toString());
        properties.put("reason", reason);
        events.record(new EventStore.NewEvent(activity.orgId(), activity.appId(), activity.userId(), Event.TOKEN_INVALIDATED,
                properties, EventSource.HERALD, "herald:" + Event.TOKEN_INVALIDATED + ":" + tokenKind + ":" + sha256(token),
                java.time.Instant.now()));
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
