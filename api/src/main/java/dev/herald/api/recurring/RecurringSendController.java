package dev.herald.api.recurring;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.temporal.TemporalLinks;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.recurring.RecurringSend;
import dev.herald.domain.recurring.RecurringSendStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

@ProblemResponses
@Tag(name = "Recurring sends")
@Controller("/v1/recurring-sends")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecurringSendController {

    private final RecurringSendService service;
    private final RecurringSendStore store;
    private final TemporalLinks links;

    public RecurringSendController(RecurringSendService service, RecurringSendStore store, TemporalLinks links) {
        this.service = service;
        this.store = store;
        this.links = links;
    }

    @Operation(summary = "Make a send on a schedule (cron or interval, in a time zone) as the Temporal Schedule recurring-send-<id>")
    @Post
    public HttpResponse<RecurringSendViews.RecurringSendView> create(Authentication authentication,
                                                                      @Valid @Body RecurringSendRequests.CreateRecurringSend request) {
        Caller caller = server(authentication);
        RecurringSend created = service.create(caller.orgId(), request);
        return HttpResponse.created(view(created, service.nextFirings(created)));
    }

    @Operation(summary = "List recurring sends, newest first")
    @Get
    public Page<RecurringSendViews.RecurringSendView> list(Authentication authentication, @Nullable @QueryValue String after,
                                                           @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = server(authentication);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(store.list(caller.orgId(), Ids.cursor(after), n + 1), n, r -> view(r, null), r -> r.id().toString());
    }

    @Operation(summary = "Read a recurring send with its next firings")
    @Get("/{id}")
    public RecurringSendViews.RecurringSendView get(Authentication authentication, @PathVariable String id) {
        RecurringSend recurring = find(authentication, id);
        return view(recurring, service.nextFirings(recurring));
    }

    @Operation(summary = "Pause a recurring send: its schedule stops firing until resumed")
    @Post("/{id}/pause")
    public RecurringSendViews.RecurringSendView pause(Authentication authentication, @PathVariable String id) {
        return setPaused(authentication, id, true);
    }

    @Operation(summary = "Resume a paused recurring send")
    @Post("/{id}/resume")
    public RecurringSendViews.RecurringSendView resume(Authentication authentication, @PathVariable String id) {
        return setPaused(authentication, id, false);
    }

    @Operation(summary = "Delete a recurring send and its schedule; sends it already made are kept")
    @Delete("/{id}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String id) {
        service.delete(find(authentication, id));
        return HttpResponse.noContent();
    }

    private RecurringSendViews.RecurringSendView setPaused(Authentication authentication, String id, boolean paused) {
        RecurringSend recurring = find(authentication, id);
        service.setPaused(recurring, paused);
        RecurringSend updated = store.get(recurring.orgId(), recurring.id());
        return view(updated, service.nextFirings(updated));
    }

    private RecurringSend find(Authentication authentication, String id) {
        Caller caller = server(authentication);
        return store.get(caller.orgId(), Ids.parse(id, "Recurring send"));
    }

    private RecurringSendViews.RecurringSendView view(RecurringSend recurring, List<java.time.Instant> nextFirings) {
        return RecurringSendViews.RecurringSendView.of(recurring, links.schedule(recurring.scheduleId()), nextFirings);
    }

    private static Caller server(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return caller;
    }
}
