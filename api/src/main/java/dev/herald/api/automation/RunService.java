package dev.herald.api.automation;

import dev.herald.api.error.ApiException;
import dev.herald.domain.automation.Automation;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.AutomationVersion;
import dev.herald.domain.automation.RunStatus;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.automation.UserFactsStore;
import dev.herald.workflows.automation.RunEvent;
import io.temporal.client.WorkflowException;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Lets users into runs (entry rules, then the workflow) and cancels runs. */
@Singleton
public class RunService {

    private final RunStore runs;
    private final UserFactsStore users;
    private final RunLauncher launcher;
    private final AutomationStore automations;

    /**
     * Stored idempotency keys are namespaced by who keyed the run, so a caller's key can never
     * name a run an event started ({@code event:<eventId>}), nor the other way round.
     */
    static final String EVENT_RUN_KEY = "event:";
    static final String REQUEST_RUN_KEY = "request:";

    public RunService(RunStore runs, UserFactsStore users, RunLauncher launcher, AutomationStore automations) {
        this.runs = runs;
        this.users = users;
        this.launcher = launcher;
        this.automations = automations;
    }

    /**
     * Starts a run of the automation's given version for a user, if the entry rules let them in;
     * with a caller's idempotency key used before, answers that run if it is for the same user.
     */
    public RunStore.Entered enter(Automation automation, AutomationVersion version, UUID userId, Map<String, Object> payload,
                                  RunEvent trigger, String idempotencyKey) {
        String externalId = users.externalId(userId);
        RunStore.Entered entered = runs.enter(new RunStore.Entry(automation, version, userId, externalId,
                "manual".equals(trigger.name()) ? null : trigger.name(),
                "manual".equals(trigger.name()) ? null : UUID.fromString(trigger.id()), payload,
                idempotencyKey == null ? null : REQUEST_RUN_KEY + idempotencyKey), Instant.now());
        if (!entered.created() && entered.run() != null && !entered.run().externalUserId().equals(externalId)) {
            throw ApiException.conflict("idempotency_key_reused",
                    "This Idempotency-Key was used for a run of another user; use a new key for a new run");
        }
        if (entered.created()) {
            launcher.start(entered.run(), version, trigger);
        }
        return entered;
    }

    /**
     * Lets the user into a run on an event: the run is keyed by the event (so a retried dispatch
     * finds the run its first attempt recorded), and its workflow is made sure of every time.
     */
    public RunStore.Entered enterOnEvent(Automation automation, AutomationVersion version, UUID userId, RunEvent trigger) {
        String externalId = users.externalId(userId);
        RunStore.Entered entered = runs.enter(new RunStore.Entry(automation, version, userId, externalId, trigger.name(),
                UUID.fromString(trigger.id()), trigger.properties(), EVENT_RUN_KEY + trigger.id()), Instant.now());
        if (entered.run() != null && entered.run().status() == RunStatus.RUNNING) {
            launcher.ensureStarted(entered.run(), automations.versionById(entered.run().versionId()), trigger);
        }
        return entered;
    }

    /** Stops a run: its workflow is cancelled, and the run is recorded as cancelled at once. */
    public AutomationRun cancel(AutomationRun run) {
        if (run.status().finished()) {
            throw ApiException.conflict("run_finished", "The run has already ended (" + run.status().name().toLowerCase() + ")");
        }
        try {
            launcher.cancel(run);
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            // its workflow has just ended: the run's own end is what is recorded
        } catch (WorkflowException e) {
            throw ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
        }
        runs.finish(run.id(), RunStatus.CANCELLED, Instant.now());
        return runs.get(run.orgId(), run.id());
    }
}
