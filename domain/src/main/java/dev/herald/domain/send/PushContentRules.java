package dev.herald.domain.send;

import dev.herald.domain.FieldError;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks of a send's content that hold for every provider (S3). */
public final class PushContentRules {

    public static final int MAX_COLLAPSE_ID_BYTES = 64;
    public static final int MAX_ACTION_ID = 64;
    public static final int MAX_ACTION_TITLE = 128;

    private PushContentRules() {
    }

    public static List<FieldError> validate(PushContent content) {
        List<FieldError> errors = new ArrayList<>();
        PushType type = content.effectivePushType();
        String typeName = type.name().toLowerCase(Locale.ROOT);
        if (content.visible() && blank(content.title()) && blank(content.body())) {
            errors.add(new FieldError("body", "an alert needs a title or a body (use pushType background for a silent push)"));
        }
        if (content.collapseId() != null && content.collapseId().getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            errors.add(new FieldError("collapseId", "must be at most " + MAX_COLLAPSE_ID_BYTES + " bytes"));
        }
        checkUrl("url", content.url(), errors);
        checkUrl("imageUrl", content.imageUrl(), errors);
        if (!content.actions().isEmpty() && !content.visible()) {
            errors.add(new FieldError("actions", "action buttons are shown on alerts only, not on " + typeName + " pushes"));
        } else {
            checkActions(content.actions(), errors);
        }
        InterruptionLevel level = content.interruptionLevel();
        if (level != null && !content.visible()) {
            errors.add(new FieldError("interruptionLevel", "applies to alerts only, not to " + typeName + " pushes"));
        } else if (level != null && level != InterruptionLevel.CRITICAL && type == PushType.CRITICAL) {
            errors.add(new FieldError("interruptionLevel", "a critical alert is always critical; leave it out or use another pushType"));
        } else if (level == InterruptionLevel.CRITICAL && type != PushType.CRITICAL) {
            errors.add(new FieldError("interruptionLevel", "use pushType critical for a critical alert (it also makes its sound critical)"));
        }
        if (content.soundVolume() != null && type != PushType.CRITICAL) {
            errors.add(new FieldError("soundVolume", "is the volume of a critical alert's sound: use it with pushType critical"));
        } else {
            checkFraction("soundVolume", content.soundVolume(), errors);
        }
        checkFraction("relevanceScore", content.relevanceScore(), errors);
        if (content.ttlSeconds() != null && content.ttlSeconds() < 0) {
            errors.add(new FieldError("ttlSeconds", "must not be negative"));
        }
        if (content.expiresAt() != null && content.ttlSeconds() != null) {
            errors.add(new FieldError("expiresAt", "give either expiresAt or ttlSeconds, not both"));
        }
        return errors;
    }

    /**
     * A send's {@code expiresAt} must leave time to deliver: after now and after the send's
     * scheduled time (when it has one).
     */
    public static List<FieldError> validateExpiry(PushContent content, Instant now, Instant scheduledFor) {
        if (content.expiresAt() == null) {
            return List.of();
        }
        if (!content.expiresAt().isAfter(now)) {
            return List.of(new FieldError("expiresAt", "is already past"));
        }
        if (scheduledFor != null && !content.expiresAt().isAfter(scheduledFor)) {
            return List.of(new FieldError("expiresAt", "must be after scheduledFor: the push would expire before it is sent"));
        }
        return List.of();
    }

    private static void checkActions(List<PushAction> actions, List<FieldError> errors) {
        if (actions.size() > PushContent.MAX_ACTIONS) {
            errors.add(new FieldError("actions", "at most " + PushContent.MAX_ACTIONS + " action buttons"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            PushAction action = actions.get(i);
            String field = "actions[" + i + "]";
            if (action == null) {
                errors.add(new FieldError(field, "must be an object with id and title"));
                continue;
            }
            if (blank(action.id()) || action.id().length() > MAX_ACTION_ID) {
                errors.add(new FieldError(field + ".id", "must be 1 to " + MAX_ACTION_ID + " characters"));
            } else if (!ids.add(action.id())) {
                errors.add(new FieldError(field + ".id", "is used by another action"));
            }
            if (blank(action.title()) || action.title().length() > MAX_ACTION_TITLE) {
                errors.add(new FieldError(field + ".title", "must be 1 to " + MAX_ACTION_TITLE + " characters"));
            }
            checkUrl(field + ".url", action.url(), errors);
        }
    }

    private static void checkFraction(String field, Double value, List<FieldError> errors) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            errors.add(new FieldError(field, "must be between 0.0 and 1.0"));
        }
    }

    private static void checkUrl(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null) {
                errors.add(new FieldError(field, "must be an absolute URL or deep link (scheme://…)"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be an absolute URL or deep link (scheme://…)"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The field to blame for an oversize payload: whichever of title, body and data is largest. */
    public static String largestPart(PushContent content, int dataBytes) {
        int title = content.title() == null ? 0 : content.title().getBytes(StandardCharsets.UTF_8).length;
        int body = content.body() == null ? 0 : content.body().getBytes(StandardCharsets.UTF_8).length;
        if (dataBytes >= title && dataBytes >= body) {
            return "data";
        }
        return body >= title ? "body" : "title";
    }
}
