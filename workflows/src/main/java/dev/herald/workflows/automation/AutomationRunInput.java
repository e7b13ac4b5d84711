package dev.herald.workflows.automation;

import java.util.Map;
import java.util.UUID;

/**
 * What a run needs, all of it in its first history event: the definition of the version it
 * started with (as published), so the run interprets exactly that version however many
 * versions are published after it.
 *
 * @param payload the trigger event's properties, or the payload of a REST-triggered run: {@code event.*} in definitions
 * @param resume  for a run rebuilt after its Temporal service lost it, where it stood; null for a run that starts afresh
 */
public record AutomationRunInput(long runId, UUID orgId, String automationKey, int version, String userId,
                                 Map<String, Object> definition, RunEvent trigger, Map<String, Object> payload,
                                 RunResume resume) {

    public AutomationRunInput(long runId, UUID orgId, String automationKey, int version, String userId,
                              Map<String, Object> definition, RunEvent trigger, Map<String, Object> payload) {
        this(runId, orgId, automationKey, version, userId, definition, trigger, payload, null);
    }
}
