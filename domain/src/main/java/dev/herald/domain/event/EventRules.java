package dev.herald.domain.event;

import dev.herald.domain.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What an event reported over the API may look like. */
public final class EventRules {

    public static final int MAX_NAME = 128;
    /** How far ahead of the server's clock a reported time may be (clients' clocks drift). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);
    /** Names Herald records itself; callers may not forge them. */
    public static final List<String> RESERVED_PREFIXES = List.of("push.", "geofence.", "auth.", "herald.");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:\\-]*");

    private EventRules() {
    }

    public static List<FieldError> validate(String name, Instant occurredAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        checkName("name", name, errors);
        if (name != null && RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
            errors.add(new FieldError("name", "names starting with " + String.join(", ", RESERVED_PREFIXES)
                    + " are recorded by Herald itself"));
        }
        if (occurredAt != null && occurredAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            errors.add(new FieldError("time", "is more than an hour in the future"));
        }
        return errors;
    }

    /** An event name as automations refer to it (letters, digits, {@code _ . : -}). */
    public static void checkName(String field, String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(field, "is required: the event's name, e.g. cart.updated"));
        } else if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_NAME + " letters, digits or _ . : - such as cart.updated"));
        }
    }
}
