package dev.herald.api.geofence;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.FieldError;
import dev.herald.domain.geofence.Geofence;
import dev.herald.domain.geofence.GeofenceSelection;
import dev.herald.domain.geofence.GeofenceStore;
import dev.herald.domain.geofence.GeofenceTrigger;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ProblemResponses
@Tag(name = "Geofences")
@Controller("/v1/geofences")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GeofenceController {

    static final Duration STATS_WINDOW = Duration.ofDays(30);
    static final int DEFAULT_WITHIN_KM = 50;
    static final int MAX_WITHIN_KM = 1000;

    private final GeofenceStore fences;
    private final GeofenceService service;
    private final UserStore users;

    public GeofenceController(GeofenceStore fences, GeofenceService service, UserStore users) {
        this.fences = fences;
        this.service = service;
        this.users = users;
    }

    @Operation(summary = "Create a geofence (API key)")
    @Post
    public HttpResponse<GeofenceViews.GeofenceView> create(Authentication authentication, @Valid @Body GeofenceRequests.SaveGeofence request) {
        Caller caller = server(authentication);
        return HttpResponse.created(GeofenceViews.GeofenceView.of(fences.create(caller.orgId(), service.fields(request))));
    }

    @Operation(summary = "List geofences, oldest first (API key)")
    @Get
    public Page<GeofenceViews.GeofenceView> list(Authentication authentication, @Nullable @QueryValue String after,
                                                 @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = server(authentication);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(fences.list(caller.orgId(), Ids.cursor(after), n + 1), n, GeofenceViews.GeofenceView::of, g -> g.id().toString());
    }

    @Operation(summary = "The geofences a client should arm near a position: enabled fences within `withinKm` (default 50), "
            + "at most 20 on iOS and 100 on Android, highest priority first, then nearest (session or API key)")
    @Get("/nearby")
    public GeofenceViews.NearbyList nearby(Authentication authentication, @Nullable @QueryValue Double latitude,
                                           @Nullable @QueryValue Double longitude, @Nullable @QueryValue String platform,
                                           @Nullable @QueryValue Integer withinKm) {
        Caller caller = Caller.of(authentication);
        List<FieldError> errors = new ArrayList<>();
        if (latitude == null || latitude < -90 || latitude > 90) {
            errors.add(new FieldError("latitude", "is required, between -90 and 90"));
        }
        if (longitude == null || longitude < -180 || longitude > 180) {
            errors.add(new FieldError("longitude", "is required, between -180 and 180"));
        }
        var parsed = GeofenceSelection.Platform.parse(platform);
        if (parsed.isEmpty()) {
            errors.add(new FieldError("platform", "is required: ios or android"));
        }
        if (withinKm != null && (withinKm < 1 || withinKm > MAX_WITHIN_KM)) {
            errors.add(new FieldError("withinKm", "must be between 1 and " + MAX_WITHIN_KM));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        double within = (withinKm == null ? DEFAULT_WITHIN_KM : withinKm) * 1000.0;
        var selected = GeofenceSelection.select(fences.enabledNear(caller.orgId(), latitude, longitude, within),
                latitude, longitude, parsed.get(), within);
        return new GeofenceViews.NearbyList(parsed.get().name().toLowerCase(java.util.Locale.ROOT), parsed.get().maxRegions(),
                selected.stream().map(GeofenceViews.NearbyView::of).toList());
    }

    @Operation(summary = "Read a geofence (API key)")
    @Get("/{geofenceId}")
    public GeofenceViews.GeofenceView get(Authentication authentication, @PathVariable String geofenceId) {
        return GeofenceViews.GeofenceView.of(find(server(authentication), geofenceId));
    }

    @Operation(summary = "Replace a geofence (API key)")
    @Put("/{geofenceId}")
    public GeofenceViews.GeofenceView update(Authentication authentication, @PathVariable String geofenceId,
                                             @Valid @Body GeofenceRequests.SaveGeofence request) {
        Caller caller = server(authentication);
        Geofence fence = find(caller, geofenceId);
        return GeofenceViews.GeofenceView.of(fences.update(caller.orgId(), fence.id(), service.fields(request)));
    }

    @Operation(summary = "Delete a geofence (API key)")
    @Delete("/{geofenceId}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String geofenceId) {
        Caller caller = server(authentication);
        fences.delete(caller.orgId(), find(caller, geofenceId).id());
        return HttpResponse.noContent();
    }

    @Operation(summary = "Transitions of a geofence that counted in the last 30 days, per kind (API key)")
    @Get("/{geofenceId}/stats")
    public GeofenceViews.StatsView stats(Authentication authentication, @PathVariable String geofenceId) {
        Geofence fence = find(server(authentication), geofenceId);
        Instant since = Instant.now().minus(STATS_WINDOW);
        Map<String, Long> counts = new LinkedHashMap<>();
        fences.countsSince(fence.id(), since).forEach((t, n) -> counts.put(t.eventName(), n));
        return new GeofenceViews.StatsView(fence.id(), since, counts, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    @Operation(summary = "Report that a user entered, left or dwelled in a geofence (a session for its own user, or an API key "
            + "naming userId). It becomes a geofence.entered|exited|dwelled event (201) unless de-bounced or not enabled (200)")
    @Post("/{geofenceId}/transitions")
    public HttpResponse<GeofenceViews.TransitionView> report(Authentication authentication, @PathVariable String geofenceId,
                                                             @Valid @Body GeofenceRequests.ReportTransition request) {
        Caller caller = Caller.of(authentication);
        String userId = Access.namedUser(caller, request.userId());
        Geofence fence = find(caller, geofenceId);
        User user = caller.isServer()
                ? users.get(caller.orgId(), userId)
                : users.upsert(caller.orgId(), userId, UserStore.ProfileChange.none()).user();
        var outcome = service.report(fence, caller.appId(), user, request.transition(), request.time());
        return HttpResponse.status(outcome.counted() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new GeofenceViews.TransitionView(outcome.counted(), outcome.reason(), outcome.eventId(), outcome.eventName()));
    }

    private static Caller server(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return caller;
    }

    private Geofence find(Caller caller, String geofenceId) {
        return fences.get(caller.orgId(), Ids.parse(geofenceId, "Geofence"));
    }
}
