package dev.herald.workflows.liveactivity

import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList

/**
 * In-memory stand-in for the live activity activities, for workflow-logic specs only: the real
 * ones are exercised against PostgreSQL and MockApnsServer in the api module.
 */
class FakeLiveActivityActivities implements LiveActivityActivities {

    /** Whether the app has reported an update token; without one, updates find no token. */
    volatile boolean hasUpdateToken = true
    /** The answer to a start push. */
    volatile PushResult startAnswer = PushResult.sent()

    final List<LiveActivityPush> pushes = new CopyOnWriteArrayList<>()
    final List<String> ended = new CopyOnWriteArrayList<>()

    @Override
    PushResult push(LiveActivityPush push) {
        pushes << push
        if (push.event() == LiveActivityPush.START) {
            return startAnswer
        }
        hasUpdateToken ? PushResult.sent() : PushResult.of(PushResult.Outcome.NO_TOKEN, 'no update token yet')
    }

    @Override
    void recordEnded(UUID activityId, String reason, Map<String, Object> finalContentState, Instant at) {
        ended << "$reason:$finalContentState".toString()
    }

    /** The pushes as event and content state, e.g. {@code UPDATE:[eta:3]}. */
    List<String> summary() {
        pushes.collect { "${it.event()}:${it.update().contentState()}".toString() }
    }
}
