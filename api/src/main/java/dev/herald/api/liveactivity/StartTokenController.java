package dev.herald.api.liveactivity;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Push-to-start tokens of a user's iOS device, one per ActivityAttributes type (ActivityKit's
 * {@code pushToStartTokenUpdates}). Same rules as the device itself: {@code /users/me/…} with a
 * session, {@code /users/{id}/…} with an API key or the user's own session.
 */
@ProblemResponses
@Tag(name = "Live activities")
@Controller("/v1/users/{userId}/devices/{deviceId}/live-activity-start-tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class StartTokenController {

    private final LiveActivityService service;

    public StartTokenController(LiveActivityService service) {
        this.service = service;
    }

    @Operation(summary = "Register (or replace) the device's push-to-start token for an activity type")
    @Put("/{activityType}")
    public HttpResponse<LiveActivityViews.StartTokenView> put(Authentication authentication, @PathVariable String userId,
                                                              @PathVariable String deviceId, @PathVariable String activityType,
                                                              @Valid @Body LiveActivityRequests.PutToken request) {
        var put = service.putStartToken(Caller.of(authentication), userId, deviceId, activityType, request);
        return HttpResponse.status(put.created() ? HttpStatus.CREATED : HttpStatus.OK).body(put.token());
    }

    @Operation(summary = "List the device's push-to-start tokens")
    @Get
    public Page<LiveActivityViews.StartTokenView> list(Authentication authentication, @PathVariable String userId,
                                                       @PathVariable String deviceId) {
        return Page.all(service.listStartTokens(Caller.of(authentication), userId, deviceId));
    }

    @Operation(summary = "Remove the device's push-to-start token for an activity type")
    @Delete("/{activityType}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String userId, @PathVariable String deviceId,
                                     @PathVariable String activityType) {
        service.deleteStartToken(Caller.of(authentication), userId, deviceId, activityType);
        return HttpResponse.noContent();
    }
}
