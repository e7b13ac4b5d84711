package dev.herald.api.abtest;

import dev.herald.domain.abtest.AbVariant;
import dev.herald.domain.abtest.AutoPromote;
import dev.herald.domain.template.MessageContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class AbTestRequests {

    private AbTestRequests() {
    }

    /**
     * An A/B test: 2–10 variants whose weights sum to 100, judged on {@code opened} (default) or
     * {@code clicked}; {@code autoPromote} tries the variants on a sample of each send's audience
     * and sends the rest the winner.
     */
    @Serdeable
    public record AbTestBody(@NotBlank @Size(max = 128) String name,
                             @Nullable String metric,
                             @NotNull @Size(max = 10) List<VariantBody> variants,
                             @Nullable AutoPromote autoPromote) {
    }

    /** A variant: its key, its weight (share of users, of 100) and either its own text or a template. */
    @Serdeable
    public record VariantBody(@Nullable String key,
                              @Nullable Integer weight,
                              @Nullable String title,
                              @Nullable String body,
                              @Nullable Map<String, MessageContent.LocalizedText> localized,
                              @Nullable List<MessageContent.Action> actions,
                              @Nullable Map<String, Object> data,
                              @Nullable String url,
                              @Nullable String templateId) {

        boolean hasText() {
            return title != null || body != null || localized != null || actions != null || data != null || url != null;
        }

        AbVariant toVariant(UUID template) {
            MessageContent content = hasText() ? new MessageContent(title, body, localized, actions, data, url) : null;
            return new AbVariant(key, weight == null ? 0 : weight, content, template);
        }
    }

    /** Declares a variant the winner: every later send with the test gets it. */
    @Serdeable
    public record DeclareWinner(@NotBlank String variant) {
    }
}
