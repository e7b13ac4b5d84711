package dev.herald.workflows.automation;

import dev.herald.domain.automation.AbBucket;
import dev.herald.domain.automation.Conditions;
import dev.herald.domain.automation.Definition;
import dev.herald.domain.automation.DefinitionParser;
import dev.herald.domain.automation.Durations;
import dev.herald.domain.automation.LocalTimes;
import dev.herald.domain.event.Event;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.send.SendWorkflow;
import dev.herald.workflows.send.SendWorkflowInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

public class AutomationRunWorkflowImpl implements AutomationRunWorkflow {

    /**
     * Version 1: a {@code wait_for_event} step is met by a matching event the run received at any
     * time since it started that no earlier wait used, so an event that came during a delay or
     * while a push was going out counts. Runs recorded before it look only at events received
     * after the step began, and replay that way.
     */
    static final String WAIT_WINDOW = "wait-for-event-window";
    static final int EVENTS_SINCE_RUN_START = 1;
    /**
     * Version 2: a wait for {@code push.opened} or {@code push.clicked} is met by the opens of the
     * pushes this run sent only, not by those of any other push to the user.
     */
    static final int OWN_PUSHES_ONLY = 2;

    private final AutomationActivities activities = Workflow.newActivityStub(AutomationActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    private final AutomationActivities progress = Workflow.newLocalActivityStub(AutomationActivities.class,
            LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    private final List<RunEvent> inbox = new ArrayList<>();
    /** Positions in the inbox of the events waits have used: each event meets one wait only. */
    private final Set<Integer> usedByWaits = new HashSet<>();
    private final Set<String> seenEventIds = new HashSet<>();
    private final List<String> path = new ArrayList<>();
    private final List<String> sendIds = new ArrayList<>();
    private AutomationRunInput input;
    private Definition definition;
    private String currentStep = "start";
    private boolean goalReached;

    @Override
    public RunResult run(AutomationRunInput in) {
        this.input = in;
        var parsed = DefinitionParser.parse(in.definition());
        if (!parsed.valid()) {
            // published versions are valid; only a change of the rules themselves gets here
            return end("FAILED", "version " + in.version() + " of the automation is no longer a valid definition: "
                    + String.join("; ", parsed.errors().stream().map(e -> e.field() + ": " + e.message()).toList()));
        }
        definition = parsed.definition();
        RunResume resume = in.resume() != null && definition.step(in.resume().stepId()).isPresent() ? in.resume() : null;
        if (resume != null) {
            restore(resume);
        }
        inbox.forEach(this::checkGoal);
        try {
            String at = resume != null ? resume.stepId() : definition.first().id();
            while (!Definition.END.equals(at)) {
                if (goalReached) {
                    return end("GOAL_REACHED");
                }
                Definition.Step step = definition.step(at).orElseThrow();
                Instant stepStartedAt;
                boolean stepSendFinished = false;
                if (resume != null) {
                    // rebuilt at the step it had reached: entered already, at its own start time
                    reenter(step);
                    stepStartedAt = resume.stepStartedAt();
                    stepSendFinished = resume.stepSendFinished();
                    resume = null;
                } else {
                    stepStartedAt = now();
                    enter(step, stepStartedAt);
                }
                if (step instanceof Definition.Exit) {
                    return end("EXITED");
                }
                at = execute(step, stepStartedAt, stepSendFinished);
            }
            return end(goalReached ? "GOAL_REACHED" : "COMPLETED");
        } catch (CanceledFailure cancelled) {
            Workflow.newDetachedCancellationScope(() -> activities.finish(in.runId(), "CANCELLED", null)).run();
            throw cancelled;
        } catch (ActivityFailure | ChildWorkflowFailure failed) {
            Workflow.getLogger(AutomationRunWorkflowImpl.class).warn("run {} failed at step {}", in.runId(), currentStep, failed);
            return end("FAILED", "step " + currentStep + ": " + causeOf(failed));
        }
    }

    private void enter(Definition.Step step, Instant startedAt) {
        reenter(step);
        progress.markStep(new StepMark(input.runId(), step.id(), startedAt, usedEventIds()));
    }

    private void reenter(Definition.Step step) {
        currentStep = step.id();
        path.add(step.id());
        Workflow.setCurrentDetails("At step **" + step.id() + "** (" + step.type() + ")");
    }

    /** The run's state as it was recorded before its Temporal service lost it. */
    private void restore(RunResume resume) {
        sendIds.addAll(resume.sendIds());
        resume.events().forEach(this::event);
        for (int i = 0; i < inbox.size(); i++) {
            if (resume.usedEventIds().contains(inbox.get(i).id())) {
                usedByWaits.add(i);
            }
        }
    }

    private List<String> usedEventIds() {
        return usedByWaits.stream().sorted().map(i -> inbox.get(i).id()).toList();
    }

    /**
     * Runs one step, begun at {@code startedAt}, and answers where to go next. A push whose send
     * has already finished (a run rebuilt after it) is not sent again.
     */
    private String execute(Definition.Step step, Instant startedAt, boolean sendFinished) {
        if (step instanceof Definition.SendPush push) {
            sendPush(push, sendFinished);
            return push.next();
        }
        if (step instanceof Definition.Delay delay) {
            Instant until = delayTarget(delay, startedAt);
            sleepUntil(until, "delay " + step.id() + " until " + until);
            return delay.next();
        }
        if (step instanceof Definition.WaitForEvent wait) {
            return waitForEvent(wait, startedAt);
        }
        if (step instanceof Definition.Branch branch) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("user", activities.userFacts(input.runId()));
            facts.put("event", input.payload());
            return Conditions.matches(branch.when(), facts, now()) ? branch.then() : branch.otherwise();
        }
        if (step instanceof Definition.AbSplit split) {
            var variant = AbBucket.pick(split.variants(), AbBucket.of(input.automationKey() + ":" + split.id(), input.userId()));
            path.add(split.id() + ":" + variant.name());
            return variant.next();
        }
        throw new IllegalStateException("unknown step " + step.id());
    }

    private void sendPush(Definition.SendPush push, boolean sendFinished) {
        String sendId = activities.createSend(input.runId(), push.id(), push.content());
        if (!sendIds.contains(sendId)) {
            sendIds.add(sendId);
        }
        if (sendFinished) {
            return;
        }
        SendWorkflow send = Workflow.newChildWorkflowStub(SendWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId("send-" + sendId)
                .setStaticSummary("Push from automation " + input.automationKey() + " (step " + push.id() + ") to " + input.userId())
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, input.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "send")
                        .set(HeraldSearchAttributes.SEND_ID, sendId)
                        .set(HeraldSearchAttributes.USER_ID, input.userId())
                        .set(HeraldSearchAttributes.AUTOMATION, input.automationKey())
                        .build())
                // a push that has started goes out even if the run is cancelled meanwhile
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setCancellationType(ChildWorkflowCancellationType.ABANDON)
                .build());
        send.run(SendWorkflowInput.fresh(UUID.fromString(sendId), null));
    }

    private Instant delayTarget(Definition.Delay delay, Instant startedAt) {
        Instant target = startedAt;
        if (delay.duration() != null) {
            target = target.plus(delay.duration());
        }
        if (delay.untilLocalTime() != null) {
            target = LocalTimes.nextAt(target, zoneOf(activities.userFacts(input.runId())), delay.untilLocalTime());
        }
        return target;
    }

    /**
     * The recipient's zone as the activity resolved it (device, user, app default); histories
     * recorded before it did carry only the user's timezone, and replay with it.
     */
    private static ZoneId zoneOf(Map<String, Object> user) {
        Object zone = user.get("zone") instanceof String resolved ? resolved : user.get("timezone");
        if (zone instanceof String tz) {
            try {
                return ZoneId.of(tz);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        return ZoneOffset.UTC;
    }

    /** Sleeps until the instant, or until the goal is reached. */
    private void sleepUntil(Instant until, String summary) {
        Duration wait = Duration.between(now(), until);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        Promise<Void> timer = Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary(summary).build());
        Workflow.await(() -> timer.isCompleted() || goalReached);
    }

    private String waitForEvent(Definition.WaitForEvent wait, Instant startedAt) {
        int version = Workflow.getVersion(WAIT_WINDOW, Workflow.DEFAULT_VERSION, OWN_PUSHES_ONLY);
        boolean sinceRunStart = version >= EVENTS_SINCE_RUN_START;
        boolean ownPushes = version >= OWN_PUSHES_ONLY;
        int from = sinceRunStart ? 0 : inbox.size();
        if (sinceRunStart && arrived(wait, from, ownPushes) >= 0) {
            // it came before the step began (during a delay, while a push went out): no timer needed
            return use(arrived(wait, from, ownPushes), wait);
        }
        // a rebuilt run waits only for what remains of the timeout
        Duration remaining = wait.timeout().minus(Duration.between(startedAt, now()));
        Promise<Void> timeout = remaining.isNegative() || remaining.isZero() ? Workflow.newPromise(null)
                : Workflow.newTimer(remaining, TimerOptions.newBuilder()
                        .setSummary("wait " + Durations.format(wait.timeout()) + " for " + wait.event()).build());
        Workflow.await(() -> timeout.isCompleted() || goalReached || arrived(wait, from, ownPushes) >= 0);
        int at = arrived(wait, from, ownPushes);
        return at >= 0 ? use(at, wait) : goalReached ? Definition.END : wait.onTimeout();
    }

    private String use(int inboxPosition, Definition.WaitForEvent wait) {
        usedByWaits.add(inboxPosition);
        return wait.onEvent();
    }

    /** Where in the inbox, from a position on, the first event is that meets the wait and no earlier wait used; -1 if none. */
    private int arrived(Definition.WaitForEvent wait, int from, boolean ownPushes) {
        for (int i = from; i < inbox.size(); i++) {
            RunEvent e = inbox.get(i);
            if (!usedByWaits.contains(i) && e.name().equals(wait.event()) && (!ownPushes || ofOwnPush(e))
                    && Conditions.matches(wait.where(), e.properties(), now())) {
                return i;
            }
        }
        return -1;
    }

    /** Whether an event is about a push this run sent; true for events that are not about a push at all. */
    private boolean ofOwnPush(RunEvent e) {
        boolean aboutPush = Event.PUSH_OPENED.equals(e.name()) || Event.PUSH_CLICKED.equals(e.name());
        return !aboutPush || e.properties() != null && sendIds.contains(String.valueOf(e.properties().get(Event.SEND_ID)));
    }

    /** What went wrong, in the words of the activity or child workflow that failed. */
    private static String causeOf(TemporalFailure failed) {
        Throwable cause = failed.getCause();
        while (cause instanceof TemporalFailure inner && inner.getCause() instanceof TemporalFailure) {
            cause = inner.getCause();
        }
        return cause instanceof TemporalFailure innermost ? innermost.getOriginalMessage() : failed.getOriginalMessage();
    }

    private RunResult end(String status) {
        return end(status, null);
    }

    private RunResult end(String status, String reason) {
        currentStep = status.toLowerCase(java.util.Locale.ROOT);
        Workflow.setCurrentDetails("Ended: " + currentStep + (reason == null ? "" : " (" + reason + ")"));
        activities.finish(input.runId(), status, reason);
        return new RunResult(status, List.copyOf(path), List.copyOf(sendIds));
    }

    private void checkGoal(RunEvent e) {
        Definition.Goal goal = definition == null ? null : definition.goal();
        if (goal != null && goal.event().equals(e.name()) && Conditions.matches(goal.where(), e.properties(), now())) {
            goalReached = true;
        }
    }

    @Override
    public void event(RunEvent event) {
        if (!seenEventIds.add(event.id())) {
            return;
        }
        inbox.add(event);
        checkGoal(event);
    }

    @Override
    public String currentStep() {
        return currentStep;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
