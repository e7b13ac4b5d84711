package dev.herald.domain.abtest;

import dev.herald.domain.template.MessageContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/**
 * One arm of an A/B test: its share of users ({@code weight} of 100) and what it says, inline or
 * as a template.
 */
@Serdeable
public record AbVariant(String key, int weight, @Nullable MessageContent content, @Nullable UUID templateId) {
}
