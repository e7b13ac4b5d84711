package dev.herald.api.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Authenticates end-user session JWTs (Authorization: Bearer). */
@Singleton
public class SessionTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final SessionTokens sessions;
    private final ExecutorService blocking;

    public SessionTokenValidator(SessionTokens sessions, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(() -> {
            SessionTokens.Verified verified = sessions.verify(token);
            if (verified.caller() == null) {
                AuthRefusals.note(request, verified.refusal());
                return null;
            }
            return verified.caller().toAuthentication(verified.caller().userId());
        }, blocking));
    }
}
