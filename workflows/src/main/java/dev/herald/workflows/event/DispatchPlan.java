package dev.herald.workflows.event;

import java.util.List;
import java.util.UUID;

/**
 * Where an event goes, decided once and kept in the dispatch's history: the user's runs that
 * listen for it, then the automations it triggers (each at the version current when planned,
 * so a retried entry starts the run on the same version).
 */
public record DispatchPlan(List<Long> listeningRunIds, List<Entry> entries) {

    public record Entry(String automationKey, UUID versionId) {
    }
}
