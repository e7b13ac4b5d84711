package dev.herald.api.security;

import dev.herald.api.error.ApiException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A request without a valid caller is a 401 whose detail says what was wrong (no credential, a
 * malformed or unknown key, an expired or wrongly signed session JWT, …) and which headers
 * Herald reads; other refusals are rendered as Micronaut does.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class UnauthorizedHandler extends DefaultAuthorizationExceptionHandler {

    private final ErrorResponseProcessor<?> errors;

    public UnauthorizedHandler(ErrorResponseProcessor<?> errors, RedirectConfiguration redirects, RedirectService redirectService,
                               List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challenges,
                               @Nullable PriorToLoginPersistence<HttpRequest<?>, MutableHttpResponse<?>> priorToLoginPersistence) {
        super(errors, redirects, redirectService, challenges, priorToLoginPersistence);
        this.errors = errors;
    }

    @Override
    protected MutableHttpResponse<?> httpResponseWithStatus(HttpRequest<?> request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return super.httpResponseWithStatus(request, exception);
        }
        String detail = AuthRefusals.detail(request);
        ApiException refusal = new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", detail, List.of());
        return errors.processResponse(ErrorContext.builder(request).cause(refusal).errorMessage(detail).build(),
                HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Key realm=\"herald\", Bearer realm=\"herald\""));
    }
}
