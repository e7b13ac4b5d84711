package dev.herald.activities.provider.webpush;

import dev.herald.activities.provider.OutcomeRules;
import dev.herald.activities.provider.PayloadSizes;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushProvider;
import dev.herald.activities.provider.PushRequest;
import dev.herald.domain.credential.CredentialStore;
import dev.herald.domain.credential.StoredCredential;
import dev.herald.domain.send.RecipientDevice;
import jakarta.inject.Singleton;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.PushService;
import nl.martijndwars.webpush.Urgency;
import nl.martijndwars.webpush.Utils;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.util.EntityUtils;
import org.bouncycastle.jce.interfaces.ECPublicKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers to browsers through webpush-java: payload encrypted with aes128gcm for the
 * subscription's keys, signed with the app's VAPID key, posted through the guarded client.
 */
@Singleton
public class WebPushProvider implements PushProvider {

    private final WebPushClient client;
    private final EndpointGuard guard;
    private final CredentialStore credentials;
    private final WebPushSettings settings;

    public WebPushProvider(WebPushClient client, EndpointGuard guard, CredentialStore credentials, WebPushSettings settings) {
        VapidKeys.registerBouncyCastle();
        this.client = client;
        this.guard = guard;
        this.credentials = credentials;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request) {
        RecipientDevice device = request.device();
        Optional<String> forbidden = guard.check(device.token());
        if (forbidden.isPresent()) {
            return done(OutcomeRules.refused(OutcomeRules.WEBPUSH, "endpoint_forbidden"));
        }
        byte[] payload = WebPushMessages.payloadBytes(request.content(), request.sendId());
        Optional<ProviderOutcome> refused = refusal(device, payload);
        if (refused.isPresent()) {
            return done(refused.get());
        }
        HttpPost post;
        try {
            Notification notification = new Notification(device.token(),
                    (ECPublicKey) Utils.loadPublicKey(device.webPushP256dh()), base64url(device.webPushAuth()), payload,
                    WebPushMessages.ttlSeconds(request.content()),
                    Urgency.valueOf(WebPushMessages.urgency(request.content()).toUpperCase(Locale.ROOT)),
                    WebPushMessages.topic(request.content(), request.sendId()));
            post = pushService(request.credential()).preparePost(notification, Encoding.AES128GCM);
        } catch (Exception e) {
            return done(OutcomeRules.refused(OutcomeRules.WEBPUSH, "subscription_unusable"));
        }
        return client.post(post).handle((response, failure) -> {
            if (failure != null) {
                return OutcomeRules.unreachable(OutcomeRules.WEBPUSH, failure);
            }
            EntityUtils.consumeQuietly(response.getEntity());
            return OutcomeRules.webPush(response.getStatusLine().getStatusCode(),
                    OutcomeRules.retryAfter(header(response, "Retry-After"), Instant.now()), header(response, "Location"));
        });
    }

    /**
     * What Herald refuses to send to a subscription whatever the push service: a payload over
     * RFC 8291's 4078 bytes, or subscription keys that do not load. The capture provider applies
     * the same refusals.
     */
    public static Optional<ProviderOutcome> refusal(RecipientDevice device, byte[] payload) {
        Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(device.provider(), payload.length);
        if (tooLarge.isPresent()) {
            return tooLarge;
        }
        try {
            Utils.loadPublicKey(device.webPushP256dh());
            base64url(device.webPushAuth());
            return Optional.empty();
        } catch (Exception unusable) {
            return Optional.of(OutcomeRules.refused(OutcomeRules.WEBPUSH, "subscription_unusable"));
        }
    }

    private PushService pushService(StoredCredential credential) throws java.security.GeneralSecurityException {
        String privateKey = new String(credentials.secretOf(credential), StandardCharsets.UTF_8);
        String subject = VapidKeys.contact(credential, settings.subject())
                .orElseThrow(() -> new IllegalStateException("a Web Push credential without a contact is not pushed for real"));
        return new PushService(credential.settings().get(VapidKeys.PUBLIC_KEY), privateKey, subject);
    }

    private static byte[] base64url(String value) {
        return Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_').replace("=", ""));
    }

    private static String header(HttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static CompletableFuture<ProviderOutcome> done(ProviderOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
