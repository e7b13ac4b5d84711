package dev.herald.workflows.automation;

import java.time.Instant;
import java.util.List;

/**
 * Where a run stood when the Temporal service that ran it lost it (the embedded service keeps
 * runs in memory only), rebuilt from PostgreSQL: the run starts again at that step, its delay or
 * wait re-armed for the time that remains.
 *
 * @param stepStartedAt    when the run entered the step
 * @param sendIds          the sends the run's pushes made so far (a wait for an open counts only their opens)
 * @param usedEventIds     the events earlier waits used (each event meets one wait only)
 * @param events           the events the run received since it started (goal and wait events)
 * @param stepSendFinished for a {@code send_push} step: its send has finished, so it is not run again
 */
public record RunResume(String stepId, Instant stepStartedAt, List<String> sendIds, List<String> usedEventIds,
                        List<RunEvent> events, boolean stepSendFinished) {
}
