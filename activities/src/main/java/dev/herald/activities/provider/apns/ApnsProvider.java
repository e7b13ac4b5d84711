package dev.herald.activities.provider.apns;

import dev.herald.activities.provider.PayloadSizes;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushProvider;
import dev.herald.activities.provider.PushRequest;
import dev.herald.domain.credential.CredentialStore;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.user.DeviceProvider;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Delivers to APNs through Pushy with the app's credential: a token-auth .p8 key or a .p12 client certificate. */
@Singleton
public class ApnsProvider implements PushProvider {

    /** A payload as built for one content of one send, with its size. */
    private record BuiltPayload(PushContent content, UUID sendId, String json, int bytes) {
        static BuiltPayload of(PushContent content, UUID sendId) {
            String json = ApnsNotifications.payload(content, sendId);
            return new BuiltPayload(content, sendId, json, json.getBytes(StandardCharsets.UTF_8).length);
        }

        boolean isFor(PushContent content, UUID sendId) {
            return this.sendId.equals(sendId) && this.content.equals(content);
        }
    }

    private final ApnsClients clients;
    private final CredentialStore credentials;
    private final ApnsSettings settings;
    /** The last payload built: a broadcast pushes one content to every device, so it is built once, not per device. */
    private volatile BuiltPayload lastPayload;

    public ApnsProvider(ApnsClients clients, CredentialStore credentials, ApnsSettings settings) {
        this.clients = clients;
        this.credentials = credentials;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request) {
        return send(request, () -> { });
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request, Runnable heartbeat) {
        ApnsCredential credential = ApnsCredential.of(request.credential());
        DeviceProvider provider = request.device().provider();
        boolean sandbox = provider == DeviceProvider.APNS_SANDBOX || credential.sandbox();
        BuiltPayload payload = payloadFor(request.content(), request.sendId());
        Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(provider, payload.bytes());
        if (tooLarge.isPresent()) {
            return CompletableFuture.completedFuture(tooLarge.get());
        }
        var notification = ApnsNotifications.notification(request.device().token(),
                ApnsNotifications.topic(credential.bundleId(), provider), provider, request.content(), payload.json(),
                request.sendId(), request.device().deviceId(), Instant.now());
        ApnsClients.BoundedClient client;
        try {
            client = clients.client(credential, () -> credentials.secretOf(request.credential()), sandbox);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ProviderOutcome.failed(ApnsOutcomes.CHANNEL, "apns:credential_unusable", null, false));
        }
        // outside the try: a heartbeat that says the activity is over must end it, not fail the device
        return client.send(notification, heartbeat)
                .orTimeout(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null ? ApnsOutcomes.of(response) : ApnsOutcomes.of(failure));
    }

    private BuiltPayload payloadFor(PushContent content, UUID sendId) {
        BuiltPayload last = lastPayload;
        if (last != null && last.isFor(content, sendId)) {
            return last;
        }
        BuiltPayload built = BuiltPayload.of(content, sendId);
        lastPayload = built;
        return built;
    }
}
