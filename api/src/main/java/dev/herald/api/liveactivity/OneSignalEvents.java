package dev.herald.api.liveactivity;

import dev.herald.activities.provider.apns.LiveActivityNotifications;
import dev.herald.api.error.ApiException;
import dev.herald.domain.FieldError;
import dev.herald.domain.liveactivity.LiveActivityAlert;
import dev.herald.domain.liveactivity.LiveActivityRules;
import dev.herald.domain.liveactivity.StateUpdate;
import dev.herald.workflows.liveactivity.EndRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OneSignal shape of a live activity update ({@code event: update|end}, {@code event_updates},
 * {@code headings}/{@code contents} per language, dates in Unix seconds), turned into Herald's,
 * so a team moving from OneSignal keeps its request bodies. Errors name OneSignal's fields.
 */
final class OneSignalEvents {

    private static final Map<String, String> FIELD_NAMES = Map.of(
            "contentState", "event_updates", "staleDate", "stale_date", "relevanceScore", "ios_relevance_score",
            "alert", "contents", "alert.title", "headings", "alert.body", "contents", "alert.sound", "ios_sound");

    private OneSignalEvents() {
    }

    static boolean isEnd(LiveActivityRequests.UpdateActivity r) {
        return "end".equalsIgnoreCase(r.event());
    }

    static StateUpdate toUpdate(LiveActivityRequests.UpdateActivity r) {
        List<FieldError> errors = commonErrors(r);
        StateUpdate update = new StateUpdate(r.eventUpdates(), alert(r), seconds(r.staleDateSeconds()), r.iosRelevanceScore(),
                r.priority(), null);
        checkRenamed(update, true, errors);
        if (errors.isEmpty()) {
            LiveActivityService.checkPayload(LiveActivityNotifications.Event.UPDATE, update, null, null, null, "event_updates", errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return update;
    }

    static EndRequest toEnd(LiveActivityRequests.UpdateActivity r) {
        List<FieldError> errors = commonErrors(r);
        LiveActivityAlert alert = alert(r);
        List<FieldError> renamed = new ArrayList<>();
        LiveActivityRules.checkAlert("alert", alert, renamed);
        renamed.forEach(e -> errors.add(new FieldError(FIELD_NAMES.getOrDefault(e.field(), e.field()), e.message())));
        EndRequest end = new EndRequest(r.eventUpdates(), alert, seconds(r.dismissalDateSeconds()), null);
        if (errors.isEmpty() && end.contentState() != null) {
            LiveActivityService.checkPayload(LiveActivityNotifications.Event.END, new StateUpdate(end.contentState(), alert, null,
                    null, null, null), end.dismissalDate(), null, null, "event_updates", errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return end;
    }

    private static List<FieldError> commonErrors(LiveActivityRequests.UpdateActivity r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.event() == null || !(r.event().equalsIgnoreCase("update") || r.event().equalsIgnoreCase("end"))) {
            errors.add(new FieldError("event", "must be update or end"));
        }
        if (r.contentState() != null || r.alert() != null || r.staleDate() != null || r.relevanceScore() != null || r.timestamp() != null) {
            errors.add(new FieldError("event", "a OneSignal-style body (event, event_updates) cannot also carry Herald's "
                    + "contentState, alert, staleDate, relevanceScore or timestamp"));
        }
        return errors;
    }

    private static void checkRenamed(StateUpdate update, boolean stateRequired, List<FieldError> errors) {
        List<FieldError> found = new ArrayList<>();
        LiveActivityRules.checkUpdate("", update, stateRequired, Instant.now(), found);
        found.forEach(e -> errors.add(new FieldError(FIELD_NAMES.getOrDefault(e.field(), e.field()), e.message())));
    }

    /** OneSignal sends text per language; the English text, else any, becomes the alert. */
    private static LiveActivityAlert alert(LiveActivityRequests.UpdateActivity r) {
        String title = pick(r.headings());
        String body = pick(r.contents());
        if (title == null && body == null && r.iosSound() == null) {
            return null;
        }
        return new LiveActivityAlert(title, body, r.iosSound());
    }

    private static String pick(Map<String, String> byLanguage) {
        if (byLanguage == null || byLanguage.isEmpty()) {
            return null;
        }
        return byLanguage.getOrDefault("en", byLanguage.values().iterator().next());
    }

    private static Instant seconds(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
