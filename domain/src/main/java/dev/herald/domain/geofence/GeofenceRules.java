package dev.herald.domain.geofence;

import dev.herald.domain.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Valid ranges of a geofence's fields. */
public final class GeofenceRules {

    /** Below ~100 m the platforms cannot tell inside from outside reliably; 50 km is beyond any store or venue. */
    public static final int MIN_RADIUS_METERS = 100;
    public static final int MAX_RADIUS_METERS = 50_000;
    public static final int MAX_DWELL_MINUTES = 24 * 60;
    public static final int MAX_PRIORITY = 1000;

    private GeofenceRules() {
    }

    /** The fence as it would be stored; {@code null} numbers are missing. */
    public static List<FieldError> validate(String name, Double latitude, Double longitude, Integer radiusMeters,
                                            Set<GeofenceTrigger> triggers, Integer dwellMinutes, Integer priority) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "at most 200 characters"));
        }
        range(errors, "latitude", latitude, -90, 90, "degrees");
        range(errors, "longitude", longitude, -180, 180, "degrees");
        range(errors, "radiusMeters", radiusMeters == null ? null : radiusMeters.doubleValue(), MIN_RADIUS_METERS, MAX_RADIUS_METERS, "metres");
        if (triggers == null || triggers.isEmpty()) {
            errors.add(new FieldError("triggers", "needs at least one of enter, exit, dwell"));
        }
        boolean dwells = triggers != null && triggers.contains(GeofenceTrigger.DWELL);
        if (dwells && dwellMinutes == null) {
            errors.add(new FieldError("dwellMinutes", "is required with the dwell trigger: how long a user stays inside before it fires"));
        } else if (dwellMinutes != null && (dwellMinutes < 1 || dwellMinutes > MAX_DWELL_MINUTES)) {
            errors.add(new FieldError("dwellMinutes", "must be between 1 and " + MAX_DWELL_MINUTES));
        } else if (dwellMinutes != null && !dwells) {
            errors.add(new FieldError("dwellMinutes", "only applies with the dwell trigger"));
        }
        if (priority != null && (priority < 0 || priority > MAX_PRIORITY)) {
            errors.add(new FieldError("priority", "must be between 0 and " + MAX_PRIORITY + " (higher is armed first)"));
        }
        return errors;
    }

    private static void range(List<FieldError> errors, String field, Double value, double min, double max, String unit) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.isNaN() || value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + fmt(min) + " and " + fmt(max) + " " + unit));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
