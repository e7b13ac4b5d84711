package dev.herald.domain.liveactivity;

import dev.herald.domain.FieldError;
import dev.herald.domain.user.DeviceProvider;
import dev.herald.domain.user.DeviceTokenRules;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of live activity input: names, tokens, priorities, dates and alerts; pure, for table specs. */
public final class LiveActivityRules {

    /** The Swift type name of the app's ActivityAttributes, as APNs' {@code attributes-type} carries it. */
    private static final Pattern ACTIVITY_TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,127}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    static final int MAX_ALERT_TITLE = 256;
    static final int MAX_ALERT_BODY = 1024;
    static final int MAX_SOUND = 256;

    private LiveActivityRules() {
    }

    public static void checkActivityType(String field, String activityType, List<FieldError> errors) {
        if (activityType == null || activityType.isBlank()) {
            errors.add(new FieldError(field, "is required: the name of the app's ActivityAttributes type"));
        } else if (!ACTIVITY_TYPE.matcher(activityType).matches()) {
            errors.add(new FieldError(field, "must be a type name: letters, digits, _ and ., at most 128, not starting with a digit"));
        }
    }

    public static void checkExternalId(String field, String externalId, List<FieldError> errors) {
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            errors.add(new FieldError(field, "must be 1 to 128 letters, digits or . _ : -"));
        }
    }

    /** Push tokens of ActivityKit (update and push-to-start) are APNs tokens: hex digits. */
    public static void checkApnsToken(String field, String token, List<FieldError> errors) {
        DeviceTokenRules.validate(DeviceProvider.APNS, token, null, null)
                .forEach(e -> errors.add(new FieldError(field, e.message().replace("an APNs device token", "an ActivityKit push token"))));
    }

    /**
     * Checks a content update. {@code prefix} names where its fields sit in the request ("" at
     * the top); the state is required unless the update ends the activity.
     */
    public static void checkUpdate(String prefix, StateUpdate update, boolean stateRequired, Instant now, List<FieldError> errors) {
        if (stateRequired && update.contentState() == null) {
            errors.add(new FieldError(prefix + "contentState", "is required: the full ContentState of the activity"));
        }
        Integer priority = update.priority();
        if (priority != null && priority != StateUpdate.HIGH_PRIORITY && priority != StateUpdate.LOW_PRIORITY) {
            errors.add(new FieldError(prefix + "priority", "must be 10 (immediate) or 5 (when the device sees fit)"));
        }
        Double score = update.relevanceScore();
        if (score != null && (score.isNaN() || score.isInfinite() || score < 0)) {
            errors.add(new FieldError(prefix + "relevanceScore", "must be a number of at least 0"));
        }
        if (update.staleDate() != null && !update.staleDate().isAfter(now)) {
            errors.add(new FieldError(prefix + "staleDate", "must be in the future"));
        }
        checkAlert(prefix + "alert", update.alert(), errors);
    }

    public static void checkAlert(String field, LiveActivityAlert alert, List<FieldError> errors) {
        if (alert == null) {
            return;
        }
        if (isBlank(alert.title()) && isBlank(alert.body())) {
            errors.add(new FieldError(field, "needs a title or a body"));
        }
        if (alert.title() != null && alert.title().length() > MAX_ALERT_TITLE) {
            errors.add(new FieldError(field + ".title", "must be at most " + MAX_ALERT_TITLE + " characters"));
        }
        if (alert.body() != null && alert.body().length() > MAX_ALERT_BODY) {
            errors.add(new FieldError(field + ".body", "must be at most " + MAX_ALERT_BODY + " characters"));
        }
        if (alert.sound() != null && (alert.sound().isBlank() || alert.sound().length() > MAX_SOUND)) {
            errors.add(new FieldError(field + ".sound", "must be a sound file name of at most " + MAX_SOUND + " characters"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
