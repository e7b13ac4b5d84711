package dev.herald.api.event;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import dev.herald.api.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;


@ProblemResponses
@Tag(name = "Events")
@Controller("/v1/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventController {

    private final EventService events;

    public EventController(EventService events) {
        this.events = events;
    }

    @Operation(summary = "List one user's events, newest first: userId (required with an API key; a session reads its own "
            + "user's), optionally of one name and from (inclusive) to (exclusive) an ISO-8601 time; pass next as after for the next page")
    @Get
    public Page<EventViews.EventView> list(Authentication authentication, @Nullable @QueryValue String userId,
                                           @Nullable @QueryValue String name, @Nullable @QueryValue String from,
                                           @Nullable @QueryValue String to, @Nullable @QueryValue String after,
                                           @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        return events.list(Caller.of(authentication),
                new EventService.ListQuery(userId, name, from, to, after, limit == null ? Page.DEFAULT_LIMIT : limit));
    }

    @Operation(summary = "Record what a user did (API key for any user of the org; a session for its own user). "
            + "It starts the automations it triggers and reaches runs waiting for it. "
            + "The same Idempotency-Key returns the first event (200) and triggers nothing again. "
            + "503 when the event could not be handed to automations (Temporal unreachable): repeat it with the same Idempotency-Key.")
    @Post
    public HttpResponse<EventViews.EventView> record(Authentication authentication,
                                                     @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                     @Valid @Body EventRequests.RecordEvent request) {
        var reported = events.report(Caller.of(authentication), idempotencyKey, request);
        return HttpResponse.status(reported.recorded().created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(EventViews.EventView.of(reported.recorded().event(), reported.externalUserId()));
    }
}
