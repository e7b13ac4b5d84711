package dev.herald.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.util.List;

/** A body that is not JSON at all. */
@Produces
@Singleton
@Replaces(JsonExceptionHandler.class)
public class MalformedJsonHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {

    private final Problems problems;

    public MalformedJsonHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
        return respond(problems, request, "body", null);
    }

    /** The body (or a part of it, {@code field}) is not JSON; {@code reason} says where the reading failed. */
    static HttpResponse<?> respond(Problems problems, HttpRequest<?> request, String field, String reason) {
        ApiException api = malformed(field, reason);
        return problems.respond(request, api.status(), api, api.getMessage(), api.errors());
    }

    static ApiException malformed(String field, String reason) {
        String message = reason == null ? "is not valid JSON" : "is not valid JSON: " + reason;
        return new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, "malformed_json",
                ("body".equals(field) ? "The request body" : field) + " is not valid JSON" + (reason == null ? "" : ": " + reason),
                List.of(new dev.herald.domain.FieldError(field, message)));
    }
}
