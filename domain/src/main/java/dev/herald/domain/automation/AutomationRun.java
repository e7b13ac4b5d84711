package dev.herald.domain.automation;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run of an automation for one user, on the version it started with; a failed run says why.
 *
 * @param stepStartedAt when the run entered its current step
 * @param usedEventIds  the events the run's waits have used so far
 */
public record AutomationRun(long id, UUID orgId, UUID automationId, String automationKey, UUID versionId, int version,
                            @Nullable UUID userId, String externalUserId, RunStatus status, @Nullable String currentStep,
                            @Nullable String triggerEvent, @Nullable UUID triggerEventId, Map<String, Object> payload,
                            String workflowId, Instant startedAt, Instant updatedAt, @Nullable Instant finishedAt,
                            @Nullable String failureReason, @Nullable Instant stepStartedAt, List<String> usedEventIds) {

    /** Temporal workflow ids are readable: {@code automation-<key>-<userId>-<runId>}. */
    public static String workflowId(String key, String externalUserId, long runId) {
        return "automation-" + key + "-" + externalUserId + "-" + runId;
    }
}
