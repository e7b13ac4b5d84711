package dev.herald.domain.liveactivity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The alert shown with a live activity push (lights the screen; on Apple Watch too). */
@Serdeable
public record LiveActivityAlert(@Nullable String title, @Nullable String body, @Nullable String sound) {
}
