package dev.herald.activities.provider.onesignal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.herald.activities.provider.OutcomeRules;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushPayloads;
import dev.herald.activities.provider.PushProvider;
import dev.herald.activities.provider.PushRequest;
import dev.herald.domain.credential.CredentialStore;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Forwards a push to a OneSignal subscription id through OneSignal's REST API with the app's
 * OneSignal app id and REST API key, for teams whose devices are still registered there.
 */
@Singleton
public class OneSignalProvider implements PushProvider {

    private final OneSignalSettings settings;
    private final CredentialStore credentials;
    private final HttpClient http;

    public OneSignalProvider(OneSignalSettings settings, CredentialStore credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request) {
        String restKey;
        try {
            restKey = new String(credentials.secretOf(request.credential()), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(OutcomeRules.refused(OutcomeRules.ONESIGNAL, "credential_unusable"));
        }
        String body = PushPayloads.json(OneSignalMessages.body(request.credential().settings().get(OneSignalMessages.APP_ID),
                request.device().token(), request.content(), request.sendId(), request.device().deviceId()));
        HttpRequest post = HttpRequest.newBuilder(URI.create(settings.apiUrl().replaceAll("/+$", "") + "/notifications?c=push"))
                .timeout(settings.responseTimeout())
                .header("Authorization", "Key " + restKey)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> failure != null
                ? OutcomeRules.unreachable(OutcomeRules.ONESIGNAL, failure)
                : outcomeOf(response, request.device().token()));
    }

    /** OneSignal answers 200 even when the subscription is unknown: the errors in the body say so. */
    static ProviderOutcome outcomeOf(HttpResponse<String> response, String subscriptionId) {
        String notificationId = null;
        boolean invalid = false;
        try {
            JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
            if (json.has("id") && !json.get("id").isJsonNull() && !json.get("id").getAsString().isEmpty()) {
                notificationId = json.get("id").getAsString();
            }
            JsonElement errors = json.get("errors");
            if (errors != null && errors.isJsonObject() && errors.getAsJsonObject().has("invalid_player_ids")) {
                invalid = errors.getAsJsonObject().get("invalid_player_ids").toString().contains(subscriptionId);
            } else if (errors != null && errors.isJsonArray()) {
                invalid = errors.toString().contains("not subscribed");
            }
        } catch (RuntimeException unreadable) {
            // a body that is not JSON says nothing beyond the status
        }
        return OutcomeRules.oneSignal(response.statusCode(), invalid, notificationId,
                OutcomeRules.retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    }
}
