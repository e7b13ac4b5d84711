package dev.herald.workflows.automation;

import java.time.Instant;
import java.util.List;

/** A run entered a step: recorded so the run can be rebuilt at that step should its Temporal service lose it. */
public record StepMark(long runId, String stepId, Instant startedAt, List<String> usedEventIds) {
}
