package dev.herald.api.template;

import dev.herald.domain.template.MessageContent;
import dev.herald.domain.template.MessageRendering;
import dev.herald.domain.template.RenderedMessage;
import dev.herald.domain.template.Template;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class TemplateViews {

    private TemplateViews() {
    }

    /** A template, with the variables its texts use. */
    @Serdeable
    public record TemplateView(UUID id, String name, @Nullable String title, @Nullable String body,
                               Map<String, MessageContent.LocalizedText> localized, List<MessageContent.Action> actions,
                               Map<String, Object> data, @Nullable String url, List<String> variables,
                               Instant createdAt, Instant updatedAt) {
        static TemplateView of(Template t) {
            MessageContent c = t.content();
            return new TemplateView(t.id(), t.name(), c.title(), c.body(), c.localized(), c.actions(), c.data(), c.url(),
                    MessageRendering.variablesOf(c), t.createdAt(), t.updatedAt());
        }
    }

    /** What the push would say; {@code missing} lists variables without a value (a send with any is refused). */
    @Serdeable
    public record RenderedView(@Nullable String title, @Nullable String body, @Nullable String locale,
                               List<MessageContent.Action> actions, Map<String, Object> data, @Nullable String url,
                               List<RenderedMessage.MissingVariable> missing) {
        static RenderedView of(RenderedMessage m) {
            return new RenderedView(m.title(), m.body(), m.locale(), m.actions(), m.data(), m.url(), m.missing());
        }
    }
}
