package dev.herald.domain.liveactivity;

/** ACTIVE while its workflow runs; ENDED once the end push went out (or the run gave up). */
public enum LiveActivityStatus {
    ACTIVE,
    ENDED
}
