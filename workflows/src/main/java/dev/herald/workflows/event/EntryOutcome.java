package dev.herald.workflows.event;

/**
 * A triggered automation's answer to an event: the run it started ({@code runId}), or why the
 * user stayed out ({@code refusal}); the other is null.
 */
public record EntryOutcome(String automationKey, Long runId, String refusal) {
}
