package dev.herald.api.error;

import dev.herald.domain.NotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** Missing resources, including those of other orgs, which must look exactly the same. */
@Produces
@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<?>> {

    private final Problems problems;

    public NotFoundHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotFoundException exception) {
        return problems.respond(request, HttpStatus.NOT_FOUND,
                new ApiException(HttpStatus.NOT_FOUND, "not_found", exception.getMessage(), List.of()),
                exception.getMessage(), List.of());
    }
}
