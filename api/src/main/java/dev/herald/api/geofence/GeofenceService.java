package dev.herald.api.geofence;

import dev.herald.api.error.ApiException;
import dev.herald.domain.FieldError;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventRules;
import dev.herald.domain.event.EventSource;
import dev.herald.domain.event.EventStore;
import dev.herald.domain.geofence.Geofence;
import dev.herald.domain.geofence.GeofenceRules;
import dev.herald.domain.geofence.GeofenceStore;
import dev.herald.domain.geofence.GeofenceTrigger;
import dev.herald.domain.geofence.TransitionDebounce;
import dev.herald.domain.user.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Geofence definitions and the transitions clients report. */
@Singleton
public class GeofenceService {

    private final GeofenceStore fences;
    private final EventIntake intake;

    public GeofenceService(GeofenceStore fences, EventIntake intake) {
        this.fences = fences;
        this.intake = intake;
    }

    /** Checks a request and turns it into the fields to store. */
    public GeofenceStore.Fields fields(GeofenceRequests.SaveGeofence r) {
        List<FieldError> errors = new ArrayList<>();
        Set<GeofenceTrigger> triggers = EnumSet.noneOf(GeofenceTrigger.class);
        if (r.triggers() != null) {
            for (int i = 0; i < r.triggers().size(); i++) {
                String value = r.triggers().get(i);
                int index = i;
                GeofenceTrigger.parse(value).ifPresentOrElse(triggers::add,
                        () -> errors.add(new FieldError("triggers[" + index + "]", "must be one of enter, exit, dwell")));
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(GeofenceRules.validate(r.name(), r.latitude(), r.longitude(), r.radiusMeters(),
                    r.triggers() == null ? null : triggers, r.dwellMinutes(), r.priority()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new GeofenceStore.Fields(r.name().trim(), r.latitude(), r.longitude(), r.radiusMeters(), triggers, r.dwellMinutes(),
                r.priority() == null ? 0 : r.priority(), r.enabled() == null || r.enabled());
    }

    /** What a report became. */
    public record Outcome(boolean counted, String reason, UUID eventId, String eventName) {
    }

    /**
     * A user crossed a fence. It becomes a {@code geofence.*} event unless the fence is off,
     * does not report that transition, or the same transition counted moments ago. The event
     * belongs to {@code appId}, the app that reported it (a session's app; null for an org-wide key).
     */
    @Transactional
    public Outcome report(Geofence fence, @Nullable UUID appId, User user, String transitionValue, Instant reportedAt) {
        Instant now = Instant.now();
        GeofenceTrigger transition = GeofenceTrigger.parse(transitionValue).orElseThrow(() ->
                ApiException.invalid("transition", "must be one of enter, exit, dwell"));
        Instant at = reportedAt == null ? now : reportedAt;
        if (at.isAfter(now.plus(EventRules.MAX_CLOCK_SKEW))) {
            throw ApiException.invalid("time", "is more than an hour in the future");
        }
        if (!fence.enabled()) {
            return new Outcome(false, "fence_disabled", null, null);
        }
        if (!fence.triggers().contains(transition)) {
            return new Outcome(false, "trigger_not_enabled", null, null);
        }
        Instant last = fences.lockLastCounted(fence.id(), user.id(), transition);
        if (!TransitionDebounce.accepts(last, at, TransitionDebounce.WINDOW)) {
            return new Outcome(false, "debounced", null, null);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("geofenceId", fence.id().toString());
        properties.put("geofenceName", fence.name());
        properties.put("latitude", fence.latitude());
        properties.put("longitude", fence.longitude());
        properties.put("radiusMeters", fence.radiusMeters());
        if (transition == GeofenceTrigger.DWELL) {
            properties.put("dwellMinutes", fence.dwellMinutes());
        }
        var recorded = intake.record(new EventStore.NewEvent(fence.orgId(), appId, user.id(), transition.eventName(), properties,
                EventSource.HERALD, null, at));
        fences.recordCounted(fence, user.id(), transition, recorded.event().id(), at);
        return new Outcome(true, null, recorded.event().id(), transition.eventName());
    }
}
