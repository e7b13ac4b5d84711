package dev.herald.activities.provider.fcm;

import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import dev.herald.activities.provider.OutcomeRules;
import dev.herald.activities.provider.PayloadSizes;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushProvider;
import dev.herald.activities.provider.PushRequest;
import dev.herald.domain.credential.CredentialStore;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Delivers to FCM (HTTP v1) through the Firebase Admin SDK with the app's service account. */
@Singleton
public class FcmProvider implements PushProvider {

    private final FcmClients clients;
    private final CredentialStore credentials;

    public FcmProvider(FcmClients clients, CredentialStore credentials) {
        this.clients = clients;
        this.credentials = credentials;
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request) {
        return send(request, () -> { });
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(PushRequest request, Runnable heartbeat) {
        Message message = FcmMessages.message(request.device().token(), request.content(), request.sendId());
        Optional<ProviderOutcome> tooLarge = PayloadSizes.refusal(request.device().provider(), FcmMessages.json(message));
        if (tooLarge.isPresent()) {
            return CompletableFuture.completedFuture(tooLarge.get());
        }
        FcmClients.Client client;
        try {
            client = clients.client(request.credential(), () -> credentials.secretOf(request.credential()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(OutcomeRules.refused(OutcomeRules.FCM, "credential_unusable"));
        }
        return client.send(message, heartbeat).handle((name, failure) -> failure == null
                ? ProviderOutcome.accepted(OutcomeRules.FCM, name, 200)
                : outcomeOf(failure));
    }

    static ProviderOutcome outcomeOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof FirebaseMessagingException e)) {
            return OutcomeRules.unreachable(OutcomeRules.FCM, cause);
        }
        IncomingHttpResponse response = e.getHttpResponse();
        if (response == null) {
            return OutcomeRules.unreachable(OutcomeRules.FCM, e.getCause() != null ? e.getCause() : e);
        }
        return OutcomeRules.fcmRejected(response.getStatusCode(),
                e.getMessagingErrorCode() == null ? null : e.getMessagingErrorCode().name(), e.getMessage(),
                OutcomeRules.retryAfter(header(response, "retry-after"), Instant.now()));
    }

    private static String header(IncomingHttpResponse response, String name) {
        for (var entry : response.getHeaders().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                Object value = entry.getValue();
                if (value instanceof List<?> list) {
                    return list.isEmpty() ? null : String.valueOf(list.get(0));
                }
                return value == null ? null : String.valueOf(value);
            }
        }
        return null;
    }
}
