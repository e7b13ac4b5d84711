package dev.herald.workflows.event;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class EventDispatchWorkflowImpl implements EventDispatchWorkflow {

    // retried until they succeed: an event's dispatch must not be dropped because the database blinked
    private final EventDispatchActivities activities = Workflow.newActivityStub(EventDispatchActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
                    .build());

    @Override
    public DispatchResult dispatch(DispatchedEvent event) {
        DispatchPlan plan = activities.plan(event);
        Workflow.setCurrentDetails(plan.listeningRunIds().size() + " waiting run(s), " + plan.entries().size()
                + " triggered automation(s)");
        for (long runId : plan.listeningRunIds()) {
            activities.deliver(event, runId);
        }
        List<EntryOutcome> entries = new ArrayList<>();
        for (DispatchPlan.Entry entry : plan.entries()) {
            entries.add(activities.enter(event, entry));
        }
        return new DispatchResult(plan.listeningRunIds(), entries);
    }
}
