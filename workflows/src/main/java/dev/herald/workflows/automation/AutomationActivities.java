package dev.herald.workflows.automation;

import io.temporal.activity.ActivityInterface;

import java.util.Map;

/** What a run does outside itself: read the user, make a send, record where it stands. */
@ActivityInterface(namePrefix = "Automation")
public interface AutomationActivities {

    /**
     * The run's user as conditions and text see it ({@code user.*}): id, locale, country,
     * timezone, tags, lastPushAt (the last push Herald delivered to them, ISO-8601, or absent), and
     * zone, the zone {@code delay.untilLocalTime} is judged in (device, else user, else app default).
     */
    Map<String, Object> userFacts(long runId);

    /**
     * Stores the send of a {@code send_push} step to the run's user, its text filled from the
     * user and the trigger event, and returns its id. A retry returns the same send.
     */
    String createSend(long runId, String stepId, Map<String, Object> content);

    /** Records the step the run entered, when, and the events its waits have used so far. */
    void markStep(StepMark mark);

    /**
     * Records how the run ended and, for a failed run, why ({@code reason}; null otherwise).
     * Histories recorded before the reason existed carry two arguments: the reason is then null.
     */
    void finish(long runId, String status, String reason);
}
