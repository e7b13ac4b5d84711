package dev.herald.workflows.event;

import io.temporal.activity.ActivityInterface;

/** What a dispatch does outside itself; each is idempotent per event, so retries are safe. */
@ActivityInterface(namePrefix = "EventDispatch")
public interface EventDispatchActivities {

    /** The user's running runs that listen for the event, and the active automations whose trigger it matches. */
    DispatchPlan plan(DispatchedEvent event);

    /**
     * Signals the event to a run (signal-with-start, should its workflow not exist yet). The
     * signal carries the event id: a run takes each event once however often it is signalled.
     */
    void deliver(DispatchedEvent event, long runId);

    /**
     * Lets the user into a run of the automation under its entry rules. The run is keyed by the
     * event, so a retry finds the run the first attempt made and only makes sure it has started.
     */
    EntryOutcome enter(DispatchedEvent event, DispatchPlan.Entry entry);
}
