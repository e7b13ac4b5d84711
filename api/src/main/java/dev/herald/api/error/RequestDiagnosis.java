package dev.herald.api.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.DecoderResult;

import java.util.Optional;

/**
 * What the framework's bare answers ("Bad Request", "Unauthorized") were about, when Herald
 * knows: a request line or header the HTTP decoder refused, or why a session token was not
 * accepted (recorded on the request by the token check).
 */
public final class RequestDiagnosis {

    /** Request attribute holding why the caller's credentials were refused (a sentence). */
    public static final String AUTH_FAILURE = "herald.auth.failure";

    private RequestDiagnosis() {
    }

    static Optional<String> explain(@Nullable HttpRequest<?> request, HttpStatus status) {
        if (request == null) {
            return Optional.empty();
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            return request.getAttribute(AUTH_FAILURE, String.class);
        }
        if (status == HttpStatus.BAD_REQUEST) {
            return decoderFailure(request).map(cause -> "The request could not be read: " + cause.getMessage());
        }
        return Optional.empty();
    }

    /** Why Netty could not decode the request line or headers, if it could not. */
    static Optional<Throwable> decoderFailure(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            DecoderResult result = netty.getNativeRequest().decoderResult();
            if (result.isFailure()) {
                return Optional.ofNullable(result.cause());
            }
        }
        return Optional.empty();
    }
}
