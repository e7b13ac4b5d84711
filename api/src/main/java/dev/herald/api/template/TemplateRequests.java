package dev.herald.api.template;

import dev.herald.domain.template.MessageContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

public final class TemplateRequests {

    private TemplateRequests() {
    }

    /**
     * A template: default title and body, per-locale versions ({@code localized.es.title}),
     * up to 4 action buttons, data and a link. Texts may use {@code {{variables}}}:
     * {@code {{tags.first_name | default: "there"}}}, {@code {{vars.orderId}}}, {@code {{event.total}}}.
     */
    @Serdeable
    public record TemplateBody(@NotBlank @Size(max = 128) String name,
                               @Nullable String title,
                               @Nullable String body,
                               @Nullable Map<String, MessageContent.LocalizedText> localized,
                               @Nullable List<MessageContent.Action> actions,
                               @Nullable Map<String, Object> data,
                               @Nullable @Size(max = 2048) String url) {

        MessageContent content() {
            return new MessageContent(title, body, localized, actions, data, url);
        }
    }

    /**
     * Renders a template as a push would show it: for a user of the org (their tags, locale and
     * properties), in a locale (default: the user's), with send variables and event properties.
     */
    @Serdeable
    public record RenderRequest(@Nullable @Size(max = 256) String userId,
                                @Nullable String locale,
                                @Nullable Map<String, Object> variables,
                                @Nullable Map<String, Object> event) {
    }
}
