package dev.herald.workflows.liveactivity;

import java.time.Instant;

/**
 * What became of an accepted update: whether it was merged into one already waiting (a burst),
 * and when its push is due.
 */
public record UpdateReceipt(boolean coalesced, Instant pushAt) {
}
