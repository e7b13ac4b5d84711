package dev.herald.domain.policy;

import dev.herald.domain.FieldError;
import dev.herald.domain.budget.RequestBudget;
import dev.herald.domain.user.UserProfileRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An app's settings: delivery policies (S5) and its sessions' request budget (S10). Quiet hours
 * are both set or both null; caps are null when unlimited; {@code defaultTimezone} judges
 * recipients whose device and user name no zone; {@code sessionRequestsPerMinute} is null for
 * the server's default.
 */
public record AppDeliverySettings(UUID appId,
                                  String defaultTimezone,
                                  Integer quietHoursStartLocal,
                                  Integer quietHoursEndLocal,
                                  boolean deferInQuietHours,
                                  Integer freqCapPerUserPerHour,
                                  Integer freqCapPerUserPerDay,
                                  Integer sessionRequestsPerMinute,
                                  Instant updatedAt) {

    public static AppDeliverySettings defaults(UUID appId, String defaultTimezone) {
        return new AppDeliverySettings(appId, defaultTimezone, null, null, false, null, null, null, null);
    }

    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (defaultTimezone == null) {
            errors.add(new FieldError("defaultTimezone", "must be an IANA time zone such as Europe/Berlin"));
        }
        UserProfileRules.checkTimezone("defaultTimezone", defaultTimezone, errors);
        hour("quietHoursStartLocal", quietHoursStartLocal, errors);
        hour("quietHoursEndLocal", quietHoursEndLocal, errors);
        if ((quietHoursStartLocal == null) != (quietHoursEndLocal == null)) {
            String missing = quietHoursStartLocal == null ? "quietHoursStartLocal" : "quietHoursEndLocal";
            errors.add(new FieldError(missing, "quiet hours need both a start and an end hour (null both to turn them off)"));
        } else if (quietHoursStartLocal != null && quietHoursStartLocal.equals(quietHoursEndLocal)) {
            errors.add(new FieldError("quietHoursEndLocal", "must differ from quietHoursStartLocal"));
        }
        cap("freqCapPerUserPerHour", freqCapPerUserPerHour, errors);
        cap("freqCapPerUserPerDay", freqCapPerUserPerDay, errors);
        if (sessionRequestsPerMinute != null && (sessionRequestsPerMinute < 1 || sessionRequestsPerMinute > RequestBudget.MAX_PER_MINUTE)) {
            errors.add(new FieldError("sessionRequestsPerMinute", "must be 1 to " + RequestBudget.MAX_PER_MINUTE + " requests (null for the server's default)"));
        }
        return errors;
    }

    /** The rules these settings stand for; call only on valid settings. */
    public DeliveryPolicy policy() {
        QuietHours quietHours = quietHoursStartLocal == null ? null : new QuietHours(quietHoursStartLocal, quietHoursEndLocal);
        return new DeliveryPolicy(quietHours, deferInQuietHours, new FrequencyCap(freqCapPerUserPerHour, freqCapPerUserPerDay));
    }

    private static void hour(String field, Integer value, List<FieldError> errors) {
        if (value != null && (value < 0 || value > 23)) {
            errors.add(new FieldError(field, "must be an hour 0–23 (local time, on the hour)"));
        }
    }

    private static void cap(String field, Integer value, List<FieldError> errors) {
        if (value != null && (value < 1 || value > 1000)) {
            errors.add(new FieldError(field, "must be 1 to 1000 pushes (null for no cap)"));
        }
    }
}
