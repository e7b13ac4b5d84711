package dev.herald.api.track;

import dev.herald.api.error.ApiException;
import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.event.Event;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventSource;
import dev.herald.domain.event.EventStore;
import dev.herald.domain.track.OpenTracking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

@ProblemResponses
@Tag(name = "Tracking")
@Controller("/v1/track")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrackController {

    private final OpenTracking tracking;
    private final EventIntake events;

    public TrackController(OpenTracking tracking, EventIntake events) {
        this.tracking = tracking;
        this.events = events;
    }

    /** A push opened on a device; with {@code actionId} (or {@code clicked}) it was clicked too. */
    @Serdeable
    public record OpenReport(@NotNull UUID sendId, @NotNull UUID deviceId, @Nullable @Size(max = 64) String actionId,
                             @Nullable Boolean clicked) {
    }

    @Serdeable
    public record Tracked(UUID sendId, UUID deviceId, boolean opened, boolean clicked) {
    }

    @Operation(summary = "Report that a push was opened (and clicked, with actionId or clicked=true); API key, or the device user's session")
    @Post("/open")
    public HttpResponse<Tracked> open(Authentication authentication, @Valid @Body OpenReport report) {
        Caller caller = Caller.of(authentication);
        boolean clicked = report.actionId() != null || Boolean.TRUE.equals(report.clicked());
        String notFound = "Delivery of send " + report.sendId() + " to device " + report.deviceId();
        OpenTracking.Recipient recipient = tracking.recipientOf(caller.orgId(), report.sendId(), report.deviceId())
                .orElseThrow(() -> new NotFoundException(notFound));
        // a client reports only pushes to its own user
        Access.actingUser(caller, recipient.externalUserId());
        if (!recipient.status().mayHaveReachedDevice()) {
            throw notDelivered(report, recipient.status());
        }
        var stamped = tracking.stamp(caller.orgId(), report.sendId(), report.deviceId(), clicked, report.actionId())
                // the row settled as failed between the two reads
                .orElseThrow(() -> notDelivered(report, DeliveryStatus.FAILED));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Event.SEND_ID, report.sendId().toString());
        properties.put("deviceId", report.deviceId().toString());
        if (stamped.origin() != null) {
            // lets a run's wait_for_event (and any where filter) tell the opens of its own pushes from others
            properties.put(Event.AUTOMATION, stamped.origin().automationKey());
            properties.put(Event.AUTOMATION_RUN_ID, stamped.origin().runId());
            properties.put(Event.AUTOMATION_STEP, stamped.origin().stepId());
        }
        // recorded on every report, keyed by the delivery: the first report records the event, a
        // repeat (after a 503, say) finds it and makes sure it reached the automations
        events.record(herald(caller, stamped, Event.PUSH_OPENED, properties));
        if (clicked) {
            Map<String, Object> click = new LinkedHashMap<>(properties);
            if (report.actionId() != null) {
                click.put("actionId", report.actionId());
            }
            events.record(herald(caller, stamped, Event.PUSH_CLICKED, click));
        }
        return HttpResponse.ok(new Tracked(report.sendId(), report.deviceId(), true, clicked));
    }

    /** An open of a push that never reached the device is not recorded: it would count as an open that cannot have happened. */
    private static ApiException notDelivered(OpenReport report, DeliveryStatus status) {
        return ApiException.conflict("not_delivered", "The push of send " + report.sendId() + " to device " + report.deviceId()
                + " was not delivered (" + status.name().toLowerCase(java.util.Locale.ROOT) + "); only a delivered push can be opened or clicked");
    }

    private static EventStore.NewEvent herald(Caller caller, OpenTracking.Stamped stamped, String name, Map<String, Object> properties) {
        return new EventStore.NewEvent(caller.orgId(), stamped.appId(), stamped.userId(), name, properties, EventSource.HERALD,
                "herald:" + name + ":" + properties.get("sendId") + ":" + properties.get("deviceId"), java.time.Instant.now());
    }
}
