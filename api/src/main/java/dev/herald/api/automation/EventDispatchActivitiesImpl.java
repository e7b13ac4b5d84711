package dev.herald.api.automation;

import dev.herald.domain.automation.Automation;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationStatus;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.AutomationVersion;
import dev.herald.domain.automation.Conditions;
import dev.herald.domain.automation.RunStatus;
import dev.herald.domain.automation.RunStore;
import dev.herald.workflows.event.DispatchPlan;
import dev.herald.workflows.event.DispatchedEvent;
import dev.herald.workflows.event.EntryOutcome;
import dev.herald.workflows.event.EventDispatchActivities;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dispatch workflow's adapter to runs and automations. It lives beside {@link RunLauncher}
 * because delivering and entering start run workflows, which is the API module's Temporal client's job.
 */
@Singleton
public class EventDispatchActivitiesImpl implements EventDispatchActivities {

    private final AutomationStore automations;
    private final RunStore runs;
    private final RunService service;
    private final RunLauncher launcher;

    public EventDispatchActivitiesImpl(AutomationStore automations, RunStore runs, RunService service, RunLauncher launcher) {
        this.automations = automations;
        this.runs = runs;
        this.service = service;
        this.launcher = launcher;
    }

    @Override
    public DispatchPlan plan(DispatchedEvent event) {
        List<Long> listening = runs.listening(event.orgId(), event.userId(), event.name()).stream().map(AutomationRun::id).toList();
        Instant now = Instant.now();
        List<DispatchPlan.Entry> entries = automations.triggeredBy(event.orgId(), event.name()).stream()
                .filter(t -> Conditions.matches(t.getValue().parsed().trigger().where(), event.properties(), now))
                .map(t -> new DispatchPlan.Entry(t.getKey().key(), t.getValue().id()))
                .toList();
        return new DispatchPlan(listening, entries);
    }

    @Override
    public void deliver(DispatchedEvent event, long runId) {
        AutomationRun run = runs.getById(runId);
        if (run.status() == RunStatus.RUNNING) {
            launcher.deliver(run, RunLauncher.runEventOf(event));
        }
    }

    @Override
    public EntryOutcome enter(DispatchedEvent event, DispatchPlan.Entry entry) {
        Optional<Automation> automation = automations.find(event.orgId(), entry.automationKey());
        if (automation.isEmpty() || automation.get().status() != AutomationStatus.ACTIVE) {
            // paused or archived since the plan was made: it starts no runs
            return new EntryOutcome(entry.automationKey(), null, "automation_not_active");
        }
        AutomationVersion version = automations.versionById(entry.versionId());
        RunStore.Entered entered = service.enterOnEvent(automation.get(), version, event.userId(), RunLauncher.runEventOf(event));
        return entered.run() == null
                ? new EntryOutcome(entry.automationKey(), null, entered.refusal().name().toLowerCase(java.util.Locale.ROOT))
                : new EntryOutcome(entry.automationKey(), entered.run().id(), null);
    }
}
