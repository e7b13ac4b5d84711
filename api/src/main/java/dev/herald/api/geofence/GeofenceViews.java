package dev.herald.api.geofence;

import dev.herald.domain.geofence.Geofence;
import dev.herald.domain.geofence.GeofenceSelection;
import dev.herald.domain.geofence.GeofenceTrigger;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class GeofenceViews {

    private GeofenceViews() {
    }

    @Serdeable
    public record GeofenceView(UUID id, String name, double latitude, double longitude, int radiusMeters, List<String> triggers,
                               @Nullable Integer dwellMinutes, int priority, boolean enabled, Instant createdAt, Instant updatedAt) {
        static GeofenceView of(Geofence g) {
            return new GeofenceView(g.id(), g.name(), g.latitude(), g.longitude(), g.radiusMeters(),
                    g.triggers().stream().sorted().map(GeofenceTrigger::wireName).toList(), g.dwellMinutes(), g.priority(),
                    g.enabled(), g.createdAt(), g.updatedAt());
        }
    }

    /** A fence to arm, with its distance from the position asked about. */
    @Serdeable
    public record NearbyView(UUID id, String name, double latitude, double longitude, int radiusMeters, List<String> triggers,
                             @Nullable Integer dwellMinutes, int priority, long distanceMeters) {
        static NearbyView of(GeofenceSelection.Nearby n) {
            Geofence g = n.fence();
            return new NearbyView(g.id(), g.name(), g.latitude(), g.longitude(), g.radiusMeters(),
                    g.triggers().stream().sorted().map(GeofenceTrigger::wireName).toList(), g.dwellMinutes(), g.priority(),
                    Math.round(n.distanceMeters()));
        }
    }

    @Serdeable
    public record NearbyList(String platform, int limit, List<NearbyView> items) {
    }

    /** What became of a transition report: an event, or why none was made. */
    @Serdeable
    public record TransitionView(boolean counted, @Nullable String reason, @Nullable UUID eventId, @Nullable String event) {
    }

    /** Transitions that counted in the last 30 days. */
    @Serdeable
    public record StatsView(UUID geofenceId, Instant since, Map<String, Long> counts, long total) {
    }
}
