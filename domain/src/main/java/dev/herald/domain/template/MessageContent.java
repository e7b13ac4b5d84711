package dev.herald.domain.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The words of a push before they are personalised: default title and body, per-locale
 * versions, action buttons, data and a link. Any text may hold {@code {{variables}}}. Templates
 * store one; A/B test variants and sends carry one.
 *
 * @param localized locale tag (e.g. {@code es}, {@code es-MX}) → title and/or body for it
 */
@Serdeable
public record MessageContent(@Nullable String title,
                             @Nullable String body,
                             @Nullable Map<String, LocalizedText> localized,
                             @Nullable List<Action> actions,
                             @Nullable Map<String, Object> data,
                             @Nullable String url) {

    public static final int MAX_ACTIONS = 4;

    /** A locale's title and body; a missing one falls back to the default text. */
    @Serdeable
    public record LocalizedText(@Nullable String title, @Nullable String body) {
    }

    /** An action button: its id comes back with the click; {@code url} is opened when set. */
    @Serdeable
    public record Action(String id, String title, @Nullable String url) {
    }

    public MessageContent {
        localized = localized == null ? Map.of() : localized;
        actions = actions == null ? List.of() : actions;
        data = data == null ? Map.of() : data;
    }

    public static MessageContent of(String title, String body) {
        return new MessageContent(title, body, null, null, null, null);
    }
}
