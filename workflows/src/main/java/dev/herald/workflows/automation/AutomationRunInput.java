package dev.herald.workflows.automation;

import java.util.Map;
import java.util.UUID;

/**
 * What a run needs, all of it in its first history event: the definition of the version it
 * started with (as published), so the run interprets exactly that version however many
 * versions are published after it.
 *
 * @param payload the trigger event's properties, or the payload of a REST-triggered run: {@code event.*} in definitions
 */
public record AutomationRunInput(long runId, UUID orgId, String automationKey, int version, String userId,
                                 Map<String, Object> definition, RunEvent trigger, Map<String, Object> payload) {
}
