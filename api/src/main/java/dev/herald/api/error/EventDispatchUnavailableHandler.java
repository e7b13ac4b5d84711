package dev.herald.api.error;

import dev.herald.domain.event.EventDispatchUnavailable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An event (or what recorded it) could not be handed to automations: 503, to be repeated with the same Idempotency-Key. */
@Produces
@Singleton
public class EventDispatchUnavailableHandler implements ExceptionHandler<EventDispatchUnavailable, HttpResponse<?>> {

    static final String DETAIL = "Temporal is not reachable, so the event could not be handed to automations; "
            + "repeat the request (with the same Idempotency-Key, the event is not recorded twice)";

    private final Problems problems;

    public EventDispatchUnavailableHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, EventDispatchUnavailable exception) {
        ApiException problem = ApiException.unavailable("temporal_unavailable", DETAIL);
        return problems.respond(request, HttpStatus.SERVICE_UNAVAILABLE, problem, DETAIL, java.util.List.of());
    }
}
