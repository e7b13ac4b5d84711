package dev.herald.domain.geofence;

import java.util.Locale;
import java.util.Optional;

/** The transitions a fence reports, and the event each becomes. */
public enum GeofenceTrigger {
    ENTER("geofence.entered"),
    EXIT("geofence.exited"),
    DWELL("geofence.dwelled");

    private final String eventName;

    GeofenceTrigger(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GeofenceTrigger> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (GeofenceTrigger t : values()) {
            if (t.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
