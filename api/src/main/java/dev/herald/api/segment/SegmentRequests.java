package dev.herald.api.segment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Map;

public final class SegmentRequests {

    private SegmentRequests() {
    }

    /** A saved audience: its name and filter ({@code {"all": [...]}}, {@code {"any": [...]}} or one condition). */
    @Serdeable
    public record SaveSegment(@NotBlank @Size(max = 200) String name, @Nullable Map<String, Object> filter) {
    }

    /** An inline filter to preview. */
    @Serdeable
    public record PreviewFilter(@Nullable Map<String, Object> filter) {
    }
}
