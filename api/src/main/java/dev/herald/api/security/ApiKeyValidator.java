package dev.herald.api.security;

import dev.herald.domain.tenancy.ApiKeySecrets;
import dev.herald.domain.tenancy.TenancyService;
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

/** Authenticates server API keys against their stored hashes. */
@Singleton
public class ApiKeyValidator implements TokenValidator<HttpRequest<?>> {

    private final TenancyService tenancy;
    private final ExecutorService blocking;

    public ApiKeyValidator(TenancyService tenancy, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tenancy = tenancy;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!ApiKeySecrets.looksLikeApiKey(token)) {
            return Publishers.empty();
        }
        if (ApiKeySecrets.parse(token).isEmpty()) {
            AuthRefusals.note(request, "The API key is malformed: keys read hk_<32 hex digits>_<43 characters>, as printed when they "
                    + "were made; this one may have been cut short or copied with extra characters.");
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(() -> tenancy.authenticate(token)
                .map(key -> new Caller(Caller.Kind.API_KEY, key.orgId(), null, null, key.scopeSet()).toAuthentication(key.id().toString()))
                .orElseGet(() -> {
                    AuthRefusals.note(request, "The API key is not valid: no key has this id and secret, or it was revoked.");
                    return null;
                }), blocking));
    }
}
