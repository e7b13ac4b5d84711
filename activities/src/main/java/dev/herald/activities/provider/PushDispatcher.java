package dev.herald.activities.provider;

import dev.herald.activities.provider.apns.ApnsProvider;
import dev.herald.activities.provider.capture.CaptureProvider;
import dev.herald.activities.provider.capture.CaptureSettings;
import dev.herald.activities.provider.fcm.FcmProvider;
import dev.herald.activities.provider.onesignal.OneSignalProvider;
import dev.herald.activities.provider.webpush.VapidKeys;
import dev.herald.activities.provider.webpush.WebPushProvider;
import dev.herald.activities.provider.webpush.WebPushSettings;
import dev.herald.domain.credential.CredentialKind;
import dev.herald.domain.credential.CredentialStore;
import dev.herald.domain.credential.StoredCredential;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.user.DeviceProvider;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes each device to its push service: the app's credential for that service when it has
 * one it can push with, else the capture provider when capture is on, else a
 * {@code no_credentials} failure. A Web Push credential pushes for real only with a VAPID
 * contact ({@link VapidKeys#contact}): a key pair alone only lets browsers subscribe.
 * Sends devices concurrently ({@link #send}), then waits for their answers, heartbeating while
 * it waits ({@link #answers}).
 */
@Singleton
public class PushDispatcher {

    private final CredentialStore credentials;
    private final ApnsProvider apns;
    private final FcmProvider fcm;
    private final WebPushProvider webPush;
    private final OneSignalProvider oneSignal;
    private final CaptureProvider capture;
    private final AppRateLimits rateLimits;
    private final boolean captureEnabled;
    private final String operatorWebPushSubject;

    public PushDispatcher(CredentialStore credentials, ApnsProvider apns, FcmProvider fcm, WebPushProvider webPush,
                          OneSignalProvider oneSignal, CaptureProvider capture, AppRateLimits rateLimits,
                          CaptureSettings captureSettings, WebPushSettings webPushSettings) {
        this.captureEnabled = captureSettings.enabled();
        this.operatorWebPushSubject = webPushSettings.subject();
        this.oneSignal = oneSignal;
        this.rateLimits = rateLimits;
        this.credentials = credentials;
        this.apns = apns;
        this.fcm = fcm;
        this.webPush = webPush;
        this.capture = capture;
    }

    public record Delivered(RecipientDevice device, ProviderOutcome outcome) {
    }

    /** Pushes on their way: each device with its provider's answer to come. */
    public record Sent(List<RecipientDevice> devices, List<CompletableFuture<ProviderOutcome>> outcomes) {
    }

    /** Sends to every device without waiting for the answers (rate limits may make it wait, heartbeating). */
    public Sent send(UUID orgId, UUID sendId, PushContent content, List<RecipientDevice> devices, Runnable heartbeat) {
        Map<UUID, Map<CredentialKind, Optional<StoredCredential>>> credentialsByApp = new HashMap<>();
        Map<PushProvider, List<PushRequest>> byProvider = new LinkedHashMap<>();
        for (RecipientDevice device : devices) {
            CredentialKind kind = CredentialKind.forFamily(device.provider().family());
            Optional<StoredCredential> credential = credentialsByApp.computeIfAbsent(device.appId(), a -> new HashMap<>())
                    .computeIfAbsent(kind, k -> credentials.find(device.appId(), k).filter(this::pushesForReal));
            PushProvider provider = credential.isPresent() ? providerFor(device.provider().family())
                    : captureEnabled ? capture : NO_CREDENTIALS;
            byProvider.computeIfAbsent(provider, p -> new ArrayList<>())
                    .add(new PushRequest(orgId, sendId, device, content, credential.orElse(null)));
        }
        List<RecipientDevice> order = new ArrayList<>();
        List<CompletableFuture<ProviderOutcome>> futures = new ArrayList<>();
        byProvider.forEach((provider, requests) -> {
            requests.forEach(r -> order.add(r.device()));
            if (provider == capture || provider == NO_CREDENTIALS) {
                // nothing leaves the building: no push service to protect
                futures.addAll(provider.sendAll(requests));
                return;
            }
            for (PushRequest request : requests) {
                rateLimits.acquire(request.device().appId(), heartbeat);
                futures.add(provider.send(request, heartbeat));
            }
        });
        return new Sent(order, futures);
    }

    /** Whether a stored credential is enough to push for real: any is, but a VAPID key pair needs a contact too. */
    private boolean pushesForReal(StoredCredential credential) {
        return credential.kind() != CredentialKind.WEBPUSH || VapidKeys.contact(credential, operatorWebPushSubject).isPresent();
    }

    /**
     * The channel each device's push goes (or would go) through, as its ledger row names it: its
     * push service when the app has a credential for it, else {@code capture} when capture is on,
     * else the push service (where it fails as {@code no_credentials}).
     */
    public Map<UUID, String> channels(List<RecipientDevice> devices) {
        Map<UUID, Map<CredentialKind, Boolean>> credentialed = new HashMap<>();
        Map<UUID, String> channels = new HashMap<>();
        for (RecipientDevice device : devices) {
            CredentialKind kind = CredentialKind.forFamily(device.provider().family());
            boolean hasCredential = credentialed.computeIfAbsent(device.appId(), a -> new HashMap<>())
                    .computeIfAbsent(kind, k -> credentials.find(device.appId(), k).filter(this::pushesForReal).isPresent());
            channels.put(device.deviceId(), !hasCredential && captureEnabled ? CaptureProvider.CHANNEL : serviceOf(device));
        }
        return channels;
    }

    /** The push service a device belongs to, as a channel name: {@code apns}, {@code fcm}, {@code webpush}, {@code onesignal}. */
    public static String serviceOf(RecipientDevice device) {
        return device.provider().family().name().toLowerCase(Locale.ROOT);
    }

    /** Waits for every answer of {@code sent}, heartbeating while it waits. */
    public List<Delivered> answers(Sent sent, Runnable heartbeat) {
        awaitAll(sent.outcomes(), heartbeat);
        List<Delivered> delivered = new ArrayList<>(sent.outcomes().size());
        for (int i = 0; i < sent.outcomes().size(); i++) {
            delivered.add(new Delivered(sent.devices().get(i), sent.outcomes().get(i).join()));
        }
        return delivered;
    }

    /** Fails every push at once: the app has no credential for the device's push service. */
    private static final PushProvider NO_CREDENTIALS = new PushProvider() {
        @Override
        public CompletableFuture<ProviderOutcome> send(PushRequest request) {
            return CompletableFuture.completedFuture(OutcomeRules.noCredentials(request.device().provider().family()));
        }
    };

    private PushProvider providerFor(DeviceProvider.Family family) {
        return switch (family) {
            case APNS -> apns;
            case FCM -> fcm;
            case WEBPUSH -> webPush;
            case ONESIGNAL -> oneSignal;
        };
    }

    private static void awaitAll(List<CompletableFuture<ProviderOutcome>> futures, Runnable heartbeat) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(5, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillWaiting) {
                heartbeat.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for providers", e);
            } catch (ExecutionException e) {
                // providers turn failures into outcomes; an exception here is a bug worth surfacing
                throw new IllegalStateException("a push provider failed", e.getCause());
            }
        }
    }
}
