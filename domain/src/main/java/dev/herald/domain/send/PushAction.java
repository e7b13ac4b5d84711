package dev.herald.domain.send;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An action button on a notification: {@code id} comes back when it is tapped, {@code title}
 * is its label, {@code url} (optional) is opened when it is tapped.
 */
@Serdeable
public record PushAction(@Nullable String id, @Nullable String title, @Nullable String url) {

    public static PushAction of(String id, String title) {
        return new PushAction(id, title, null);
    }
}
