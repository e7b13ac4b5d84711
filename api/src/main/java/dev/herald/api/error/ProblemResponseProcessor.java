package dev.herald.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

/**
 * Micronaut's error answer (a problem body, or HTML for a browser that asks only for HTML),
 * with one correction: Micronaut answers every request the HTTP decoder found too long with a
 * 413, but a request line over the URI limit is a 414 and headers over theirs a 431
 * (RFC 9110, RFC 6585).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemResponseProcessor implements ErrorResponseProcessor<Object> {

    private final JsonErrorResponseBodyProvider<?> json;
    private final HtmlErrorResponseBodyProvider html;

    public ProblemResponseProcessor(JsonErrorResponseBodyProvider<?> json, HtmlErrorResponseBodyProvider html) {
        this.json = json;
        this.html = html;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        if (response.status() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            Throwable cause = RequestDiagnosis.decoderFailure(request).orElse(null);
            if (cause instanceof TooLongHttpLineException) {
                response.status(HttpStatus.REQUEST_URI_TOO_LONG);
            } else if (cause instanceof TooLongHttpHeaderException) {
                response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
            }
        }
        MutableHttpResponse raw = response;
        if (request.getMethod() == HttpMethod.HEAD) {
            return raw;
        }
        if (response.status().getCode() >= 400
                && request.accept().stream().anyMatch(type -> type.equals(MediaType.TEXT_HTML_TYPE))
                && request.accept().stream().noneMatch(type -> type.matchesExtension(MediaType.EXTENSION_JSON))) {
            return raw.body(html.body(context, response)).contentType(html.contentType());
        }
        return raw.body(json.body(context, response)).contentType(json.contentType());
    }
}
