package dev.herald.api.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.DecoderResult;

import java.util.Optional;

/**
 * What the framework's bare "Bad Request" was about, when Herald knows: a request line or
 * header the HTTP decoder refused. (A 401 says why through the security package's AuthRefusals.)
 */
public final class RequestDiagnosis {

    private RequestDiagnosis() {
    }

    static Optional<String> explain(@Nullable HttpRequest<?> request, HttpStatus status) {
        if (request == null) {
            return Optional.empty();
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
