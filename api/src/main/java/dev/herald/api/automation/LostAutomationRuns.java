package dev.herald.api.automation;

import dev.herald.api.temporal.LostRuns;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.AutomationVersion;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.event.Event;
import dev.herald.domain.event.EventStore;
import dev.herald.workflows.automation.RunEvent;
import dev.herald.workflows.automation.RunResume;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Running automation runs start their workflow again at the step they had reached: a delay or a
 * wait is re-armed for the time that remains, the events the run had received (read back from
 * the event log) are in hand again with the ones its waits used marked so, and a push step whose
 * send had finished is not sent again (one that had not resumes with its ledger).
 */
@Singleton
public class LostAutomationRuns implements LostRuns {

    /** The events a rebuilt run is handed at most: far more than any definition's waits can use. */
    static final int MAX_EVENTS = 500;

    private final RunStore runs;
    private final AutomationStore automations;
    private final EventStore events;
    private final RunLauncher launcher;

    public LostAutomationRuns(RunStore runs, AutomationStore automations, EventStore events, RunLauncher launcher) {
        this.runs = runs;
        this.automations = automations;
        this.events = events;
        this.launcher = launcher;
    }

    @Override
    public String kind() {
        return "automation runs";
    }

    @Override
    public int restart() {
        return LostRuns.restartEach(runs.running(), run -> {
            AutomationVersion version = automations.versionById(run.versionId());
            launcher.restart(run, version, resumeOf(run, version));
        });
    }

    /** Where the run stood; null when it had not entered a step (it starts afresh). */
    private RunResume resumeOf(AutomationRun run, AutomationVersion version) {
        if (run.currentStep() == null || run.stepStartedAt() == null) {
            return null;
        }
        List<RunStore.StepSend> made = runs.sends(run.id());
        boolean stepSendFinished = made.stream().anyMatch(send -> send.stepId().equals(run.currentStep()) && send.finished());
        List<RunEvent> received = run.userId() == null ? List.of()
                : events.receivedSince(run.orgId(), run.userId(), run.startedAt(), version.listensTo(), MAX_EVENTS).stream()
                        .filter(event -> !event.id().equals(run.triggerEventId()))
                        .map(LostAutomationRuns::runEventOf)
                        .toList();
        return new RunResume(run.currentStep(), run.stepStartedAt(), made.stream().map(send -> send.sendId().toString()).toList(),
                run.usedEventIds(), received, stepSendFinished);
    }

    private static RunEvent runEventOf(Event event) {
        return new RunEvent(event.id().toString(), event.name(), event.properties(), event.occurredAt().toEpochMilli());
    }
}
