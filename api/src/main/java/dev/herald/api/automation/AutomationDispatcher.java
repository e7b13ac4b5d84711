package dev.herald.api.automation;

import dev.herald.api.event.EventRecorded;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.Conditions;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.event.Event;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Hands every recorded event to automations once it is committed: first to the user's runs
 * that wait for it (goal or wait_for_event), then to the automations it triggers.
 */
@Singleton
public class AutomationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AutomationDispatcher.class);

    private final AutomationStore automations;
    private final RunStore runs;
    private final RunService service;
    private final RunLauncher launcher;

    public AutomationDispatcher(AutomationStore automations, RunStore runs, RunService service, RunLauncher launcher) {
        this.automations = automations;
        this.runs = runs;
        this.service = service;
        this.launcher = launcher;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    public void onRecorded(EventRecorded recorded) {
        Event event = recorded.event();
        if (event.userId() == null) {
            return;
        }
        var signal = RunLauncher.triggerOf(event);
        for (AutomationRun run : runs.listening(event.orgId(), event.userId(), event.name())) {
            try {
                launcher.deliver(run, signal);
            } catch (RuntimeException e) {
                LOG.error("Could not deliver event {} to run {}", event.id(), run.workflowId(), e);
            }
        }
        Instant now = Instant.now();
        for (var triggered : automations.triggeredBy(event.orgId(), event.name())) {
            var definition = triggered.getValue().parsed();
            if (!Conditions.matches(definition.trigger().where(), event.properties(), now)) {
                continue;
            }
            try {
                service.enter(triggered.getKey(), triggered.getValue(), event.userId(), event.properties(), signal, null);
            } catch (RuntimeException e) {
                LOG.error("Could not start automation {} for event {}", triggered.getKey().key(), event.id(), e);
            }
        }
    }
}
