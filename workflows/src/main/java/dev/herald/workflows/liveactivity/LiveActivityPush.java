package dev.herald.workflows.liveactivity;

import dev.herald.domain.liveactivity.StateUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * One push for an activity: {@code event} is START, UPDATE or END; {@code sequence} numbers the
 * activity's pushes so a retried attempt keeps its apns-id.
 */
public record LiveActivityPush(UUID activityId, String event, StateUpdate update, Instant dismissalDate, int sequence) {

    public static final String START = "START";
    public static final String UPDATE = "UPDATE";
    public static final String END = "END";
}
