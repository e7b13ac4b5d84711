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
        return respond(problems, request);
    }

    static HttpResponse<?> respond(Problems problems, HttpRequest<?> request) {
        ApiException api = ApiException.badRequest("malformed_json", "The request body is not valid JSON");
        return problems.respond(request, api.status(), api, api.getMessage(), List.of());
    }
}
