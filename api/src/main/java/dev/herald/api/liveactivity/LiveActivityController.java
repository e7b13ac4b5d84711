package dev.herald.api.liveactivity;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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

/**
 * Live Activities (iOS) and Live Updates (Android), each driven by the workflow
 * {@code live-activity-<id>}. Servers manage any activity of their org; a client session may
 * start, read, end and report tokens for its own user's activities.
 */
@ProblemResponses
@Tag(name = "Live activities")
@Controller("/v1/live-activities")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LiveActivityController {

    private final LiveActivityService service;

    public LiveActivityController(LiveActivityService service) {
        this.service = service;
    }

    @Operation(summary = "Start an activity by push (push-to-start on iOS) or adopt one the app started; 200 when its externalId already exists")
    @Post
    public HttpResponse<LiveActivityViews.LiveActivityView> start(Authentication authentication,
                                                                  @Valid @Body LiveActivityRequests.StartActivity request) {
        var started = service.start(Caller.of(authentication), request);
        return HttpResponse.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK).body(started.activity());
    }

    @Operation(summary = "List the org's live activities, newest first: active ones unless status says ended or all")
    @Get
    public Page<LiveActivityViews.LiveActivityView> list(Authentication authentication, @Nullable @QueryValue String appId,
                                                         @Nullable @QueryValue String status, @Nullable @QueryValue String after,
                                                         @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(service.list(Caller.of(authentication), appId, status, after, n + 1), n, service::view, a -> a.id().toString());
    }

    @Operation(summary = "Read an activity: its current state, pushes, when it ends at the latest, and its Temporal run")
    @Get("/{activityId}")
    public LiveActivityViews.LiveActivityView get(Authentication authentication, @PathVariable String activityId) {
        return service.get(Caller.of(authentication), activityId);
    }

    @Operation(summary = "Update an activity's content state (bursts are merged into fewer pushes; the latest state wins); "
            + "also takes OneSignal's event: update|end body")
    @Post("/{activityId}/updates")
    public HttpResponse<?> update(Authentication authentication, @PathVariable String activityId,
                                  @Valid @Body LiveActivityRequests.UpdateActivity request) {
        Object result = service.update(Caller.of(authentication), activityId, request);
        return result instanceof LiveActivityViews.UpdateAccepted accepted
                ? HttpResponse.accepted().body(accepted)
                : HttpResponse.ok(result);
    }

    @Operation(summary = "End an activity with a final state and dismissal date; answers once the end push went out")
    @Post("/{activityId}/end")
    public LiveActivityViews.LiveActivityView end(Authentication authentication, @PathVariable String activityId,
                                                  @Nullable @Valid @Body LiveActivityRequests.EndActivity request) {
        return service.end(Caller.of(authentication), activityId, request);
    }

    @Operation(summary = "Report the push token ActivityKit gave the activity; a state it missed goes out again")
    @Put("/{activityId}/update-token")
    public LiveActivityViews.LiveActivityView putUpdateToken(Authentication authentication, @PathVariable String activityId,
                                                             @Valid @Body LiveActivityRequests.PutToken request) {
        return service.putUpdateToken(Caller.of(authentication), activityId, request);
    }
}
