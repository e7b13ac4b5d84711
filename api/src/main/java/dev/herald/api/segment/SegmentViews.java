package dev.herald.api.segment;

import dev.herald.domain.segment.Segment;
import dev.herald.domain.segment.SegmentStore;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class SegmentViews {

    private SegmentViews() {
    }

    @Serdeable
    public record SegmentView(UUID id, String name, Map<String, Object> filter, Instant createdAt, Instant updatedAt) {
        static SegmentView of(Segment s) {
            return new SegmentView(s.id(), s.name(), s.filterJson(), s.createdAt(), s.updatedAt());
        }
    }

    /** Who the audience is right now: users and enabled devices matching, and a sample of user ids. */
    @Serdeable
    public record PreviewView(long users, long devices, List<String> sample) {
        static PreviewView of(SegmentStore.Preview p) {
            return new PreviewView(p.users(), p.devices(), p.sampleUserIds());
        }
    }
}
