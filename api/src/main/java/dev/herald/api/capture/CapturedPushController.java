package dev.herald.api.capture;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.capture.CaptureStore;
import dev.herald.domain.capture.CapturedPush;
import dev.herald.domain.liveactivity.LiveActivityStore;
import dev.herald.domain.send.SendStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What the capture provider recorded for apps without provider credentials (S4). */
@ProblemResponses
@Tag(name = "Sends")
@Controller("/v1/captured-pushes")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CapturedPushController {

    private final CaptureStore captures;
    private final SendStore sends;
    private final LiveActivityStore liveActivities;

    public CapturedPushController(CaptureStore captures, SendStore sends, LiveActivityStore liveActivities) {
        this.captures = captures;
        this.sends = sends;
        this.liveActivities = liveActivities;
    }

    @Operation(summary = "Pushes the capture provider recorded, oldest first; optionally of one send or of one live activity")
    @Get
    public Page<CapturedPush> list(Authentication authentication, @Nullable @QueryValue String sendId,
                                   @Nullable @QueryValue String liveActivityId,
                                   @Nullable @QueryValue String after,
                                   @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        long afterId = 0;
        if (after != null) {
            try {
                afterId = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("after", "must be the next value of a previous page");
            }
        }
        var send = sendId == null ? null : sends.get(caller.orgId(), Ids.parse(sendId, "Send")).id();
        var activity = liveActivityId == null ? null
                : liveActivities.get(caller.orgId(), Ids.parse(liveActivityId, "Live activity")).id();
        return Page.of(captures.list(caller.orgId(), send, activity, afterId, n + 1), n, p -> p, p -> Long.toString(p.id()));
    }
}
