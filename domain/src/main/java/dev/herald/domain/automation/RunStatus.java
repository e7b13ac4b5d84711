package dev.herald.domain.automation;

/** How a run stands: going, or how it ended. */
public enum RunStatus {
    RUNNING, COMPLETED, GOAL_REACHED, EXITED, CANCELLED, FAILED;

    public boolean finished() {
        return this != RUNNING;
    }
}
