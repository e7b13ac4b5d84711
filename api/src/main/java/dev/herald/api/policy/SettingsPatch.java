package dev.herald.api.policy;

import dev.herald.domain.FieldError;
import dev.herald.domain.policy.AppDeliverySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) of an app's delivery settings: a field left out keeps its value,
 * a field set to null is cleared (quiet hours off, no cap). A plain record cannot tell those two
 * apart, so the body is read as a map and each field is checked here.
 */
final class SettingsPatch {

    /** The shape of the body, for the API reference. */
    @Serdeable
    @Schema(name = "AppSettingsPatch", description = "Fields to change; null clears quiet hours or a cap")
    record Shape(@Nullable @Schema(minimum = "0", maximum = "23") Integer quietHoursStartLocal,
                 @Nullable @Schema(minimum = "0", maximum = "23") Integer quietHoursEndLocal,
                 @Nullable Boolean deferInQuietHours,
                 @Nullable @Schema(minimum = "1", maximum = "1000") Integer freqCapPerUserPerHour,
                 @Nullable @Schema(minimum = "1", maximum = "1000") Integer freqCapPerUserPerDay,
                 @Nullable @Schema(example = "Europe/Berlin") String defaultTimezone,
                 @Nullable @Schema(minimum = "1", maximum = "1000000", description = "each session's requests a minute; null for the server's default")
                 Integer sessionRequestsPerMinute) {
    }

    private static final Set<String> FIELDS = Set.of("quietHoursStartLocal", "quietHoursEndLocal", "deferInQuietHours",
            "freqCapPerUserPerHour", "freqCapPerUserPerDay", "defaultTimezone", "sessionRequestsPerMinute");

    private SettingsPatch() {
    }

    /** The settings after the patch, or the errors that stop it (the merged settings are validated too). */
    static AppDeliverySettings apply(AppDeliverySettings current, JsonNode body, List<FieldError> errors) {
        if (!body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
            return current;
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        body.entries().forEach(e -> patch.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().getValue()));
        return apply(current, patch, errors);
    }

    private static AppDeliverySettings apply(AppDeliverySettings current, Map<String, Object> patch, List<FieldError> errors) {
        patch.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a setting; settings are " + String.join(", ", FIELDS.stream().sorted().toList()))));
        Integer start = patch.containsKey("quietHoursStartLocal") ? integer(patch, "quietHoursStartLocal", errors) : current.quietHoursStartLocal();
        Integer end = patch.containsKey("quietHoursEndLocal") ? integer(patch, "quietHoursEndLocal", errors) : current.quietHoursEndLocal();
        boolean defer = current.deferInQuietHours();
        if (patch.containsKey("deferInQuietHours")) {
            if (patch.get("deferInQuietHours") instanceof Boolean b) {
                defer = b;
            } else {
                errors.add(new FieldError("deferInQuietHours", "must be true or false"));
            }
        }
        Integer perHour = patch.containsKey("freqCapPerUserPerHour") ? integer(patch, "freqCapPerUserPerHour", errors) : current.freqCapPerUserPerHour();
        Integer perDay = patch.containsKey("freqCapPerUserPerDay") ? integer(patch, "freqCapPerUserPerDay", errors) : current.freqCapPerUserPerDay();
        String zone = current.defaultTimezone();
        if (patch.containsKey("defaultTimezone")) {
            if (patch.get("defaultTimezone") instanceof String s) {
                zone = s;
            } else {
                errors.add(new FieldError("defaultTimezone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        Integer sessionBudget = patch.containsKey("sessionRequestsPerMinute")
                ? integer(patch, "sessionRequestsPerMinute", errors) : current.sessionRequestsPerMinute();
        AppDeliverySettings next = new AppDeliverySettings(current.appId(), zone, start, end, defer, perHour, perDay, sessionBudget,
                current.updatedAt());
        if (errors.isEmpty()) {
            errors.addAll(next.validate());
        }
        return next;
    }

    private static Integer integer(Map<String, Object> patch, String field, List<FieldError> errors) {
        Object value = patch.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            long n = ((Number) value).longValue();
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            return d.intValue();
        } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
            return d.intValue();
        }
        errors.add(new FieldError(field, "must be an integer or null"));
        return null;
    }
}
