package dev.herald.api.security;

import dev.herald.api.error.RequestDiagnosis;
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
            SessionTokens.Verification verification = sessions.verify(token);
            if (verification.failure() != null && request != null) {
                // the 401's detail says why (see RequestDiagnosis)
                request.setAttribute(RequestDiagnosis.AUTH_FAILURE, verification.failure());
            }
            return verification.caller().map(caller -> caller.toAuthentication(caller.userId())).orElse(null);
        }, blocking));
    }
}
