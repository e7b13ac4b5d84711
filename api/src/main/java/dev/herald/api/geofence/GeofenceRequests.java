package dev.herald.api.geofence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

public final class GeofenceRequests {

    private GeofenceRequests() {
    }

    /**
     * A fence: centre, radius in metres (100–50,000), the transitions to report ({@code enter},
     * {@code exit}, {@code dwell}), minutes inside before {@code dwell} fires, and a priority
     * (0–1000; higher fences are armed first when a device can monitor only a few).
     */
    @Serdeable
    public record SaveGeofence(@Nullable String name,
                               @Nullable Double latitude,
                               @Nullable Double longitude,
                               @Nullable Integer radiusMeters,
                               @Nullable @Size(max = 3) List<String> triggers,
                               @Nullable Integer dwellMinutes,
                               @Nullable Integer priority,
                               @Nullable Boolean enabled) {
    }

    /** A client's report that its user crossed a fence: {@code enter}, {@code exit} or {@code dwell}. */
    @Serdeable
    public record ReportTransition(@Nullable String transition,
                                   @Nullable @Size(max = 256) String userId,
                                   @Nullable Instant time) {
    }
}
