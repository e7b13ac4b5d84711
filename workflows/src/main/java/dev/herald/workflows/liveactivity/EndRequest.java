package dev.herald.workflows.liveactivity;

import dev.herald.domain.liveactivity.LiveActivityAlert;

import java.time.Instant;
import java.util.Map;

/**
 * Ends an activity: its final state (else the latest), an optional alert, and when the system
 * should take it off the screen (else it decides, up to 4 h on iOS).
 */
public record EndRequest(Map<String, Object> contentState, LiveActivityAlert alert, Instant dismissalDate, Instant timestamp,
                         Instant receivedAt) {

    public EndRequest(Map<String, Object> contentState, LiveActivityAlert alert, Instant dismissalDate, Instant timestamp) {
        this(contentState, alert, dismissalDate, timestamp, null);
    }

    public EndRequest receivedAt(Instant when) {
        return new EndRequest(contentState, alert, dismissalDate, timestamp, when);
    }

    EndRequest at(Instant when) {
        return new EndRequest(contentState, alert, dismissalDate, when, receivedAt);
    }
}
