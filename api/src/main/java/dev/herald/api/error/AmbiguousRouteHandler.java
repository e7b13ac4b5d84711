package dev.herald.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.DuplicateRouteHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.web.router.exceptions.DuplicateRouteException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Two routes for one path told apart by content type ({@code POST /v1/sends}: JSON or a CSV
 * upload): a request that names none is a 415 saying which to send, not "more than 1 route matched".
 */
@Produces
@Singleton
@Replaces(DuplicateRouteHandler.class)
public class AmbiguousRouteHandler implements ExceptionHandler<DuplicateRouteException, HttpResponse<?>> {

    private final Problems problems;

    public AmbiguousRouteHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DuplicateRouteException exception) {
        ApiException problem = request.getContentType().isEmpty()
                ? ApiException.unsupportedMediaType("Content-Type is required: this endpoint reads application/json "
                        + "or multipart/form-data")
                : ApiException.badRequest("ambiguous_route", exception.getMessage());
        return problems.respond(request, problem.status(), problem, problem.getMessage(), List.of());
    }
}
