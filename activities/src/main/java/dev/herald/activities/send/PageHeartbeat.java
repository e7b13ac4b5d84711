package dev.herald.activities.send;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;

/**
 * Heartbeats of one page delivery, reporting how many of its devices have an outcome. A beat
 * that learns the attempt is over (the send was cancelled, the attempt timed out, the worker is
 * stopping) does not throw mid-page: no further chunk goes out, the pushes already out are
 * awaited (heartbeats go on, so the service waits too) and recorded, and then the page stops
 * ({@link #stopIfOver()}).
 */
final class PageHeartbeat {

    private final ActivityExecutionContext context;
    private volatile int devicesDone;
    private volatile ActivityCompletionException over;

    PageHeartbeat(ActivityExecutionContext context) {
        this.context = context;
    }

    void progress(int devicesDone) {
        this.devicesDone = devicesDone;
    }

    void beat() {
        try {
            context.heartbeat(devicesDone);
        } catch (ActivityCompletionException attemptOver) {
            over = attemptOver;
        }
    }

    boolean isOver() {
        return over != null;
    }

    /** Beats, and throws if the attempt is over. */
    void stopIfOver() {
        beat();
        if (over != null) {
            throw over;
        }
    }
}
