package dev.herald.workflows.automation

import java.util.concurrent.CopyOnWriteArrayList

/**
 * In-memory stand-ins for the automation activities, for workflow specs only: the activities
 * themselves run against PostgreSQL and the APNs peer in the api module's end-to-end specs.
 */
class FakeAutomationActivities implements AutomationActivities {

    Map<String, Object> user = [id: 'u1', timezone: 'Europe/Berlin', tags: [firstName: 'Ana']]
    /** When set, every send a step makes fails for good with this message, as a text with a missing value does. */
    String sendFailure
    final List<String> calls = new CopyOnWriteArrayList<>()
    /** What each step entered recorded, in order. */
    final List<StepMark> marks = new CopyOnWriteArrayList<>()

    @Override
    Map<String, Object> userFacts(long runId) {
        user
    }

    @Override
    String createSend(long runId, String stepId, Map<String, Object> content) {
        calls << "send:$stepId:${content.title}".toString()
        if (sendFailure) {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(sendFailure, 'InvalidPushContent')
        }
        sendIdOf(runId, stepId)
    }

    /** The id of the send a run's step makes here. */
    static String sendIdOf(long runId, String stepId) {
        UUID.nameUUIDFromBytes("$runId/$stepId".bytes).toString()
    }

    @Override
    void markStep(StepMark mark) {
        calls << "step:$mark.stepId".toString()
        marks << mark
    }

    @Override
    void finish(long runId, String status, String reason) {
        calls << "finish:$status${reason == null ? '' : ':' + reason}".toString()
    }
}
