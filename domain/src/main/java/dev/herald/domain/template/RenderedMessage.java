package dev.herald.domain.template;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A message made for one recipient: the locale's text with every variable filled in.
 *
 * @param locale  the localized version used, null for the default text
 * @param missing variables that had no value and no fallback; a push is never sent with any
 */
public record RenderedMessage(String title,
                              String body,
                              String locale,
                              List<MessageContent.Action> actions,
                              Map<String, Object> data,
                              String url,
                              List<MissingVariable> missing) {

    public boolean complete() {
        return missing.isEmpty();
    }

    /** A variable without a value, and the field of the message that needs it (e.g. {@code localized.es.body}). */
    @Serdeable
    public record MissingVariable(String field, String variable) {
    }
}
