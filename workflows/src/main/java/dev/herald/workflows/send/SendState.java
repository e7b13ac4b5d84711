package dev.herald.workflows.send;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a started send stands, carried across continue-as-new: the lanes walking the
 * recipients (each a slice of the device id space with its own cursor), the deferred group
 * being delivered ({@code dueAt}, null for the first pass), the page size and the pace.
 */
public record SendState(List<Lane> lanes, Instant dueAt, int pageSize, Integer ratePerSecond) {

    /** A slice {@code (after, upTo]} of device ids, walked page by page. */
    public record Lane(UUID after, UUID upTo, boolean done) {
        Lane advance(BatchResult result) {
            return new Lane(result.lastDeviceId(), upTo, result.lastPage());
        }
    }

    /** Splits the id space into {@code count} slices of equal width ({@code count} divides 256). */
    static List<Lane> lanes(int count) {
        List<Lane> lanes = new ArrayList<>(count);
        UUID lower = null;
        for (int i = 1; i <= count; i++) {
            UUID upper = i == count ? new UUID(-1L, -1L) : new UUID(((long) (i * (256 / count))) << 56, 0);
            lanes.add(new Lane(lower, upper, false));
            lower = upper;
        }
        return lanes;
    }

    SendState withLane(int index, Lane lane) {
        List<Lane> next = new ArrayList<>(lanes);
        next.set(index, lane);
        return new SendState(next, dueAt, pageSize, ratePerSecond);
    }

    SendState forGroup(Instant group) {
        return new SendState(lanes(lanes.size()), group, pageSize, ratePerSecond);
    }

    boolean allDone() {
        return lanes.stream().allMatch(Lane::done);
    }
}
