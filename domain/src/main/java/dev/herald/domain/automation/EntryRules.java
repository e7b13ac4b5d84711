package dev.herald.domain.automation;

import java.time.Instant;
import java.util.Optional;

/** Whether a user may start a run of an automation, given their previous runs of it. */
public final class EntryRules {

    /** Why a user may not enter. */
    public enum Refusal {
        ALREADY_RUNNING("the user is already in a run of this automation"),
        ALREADY_ENTERED("the automation runs once per user and this user has had their run"),
        TOO_SOON("the user's last run started less than the re-entry period ago");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private EntryRules() {
    }

    /**
     * @param lastStartedAt when the user's latest run of the automation started (null: never)
     * @param lastRunning   whether that run is still going
     */
    public static Optional<Refusal> check(Definition.Entry entry, Instant lastStartedAt, boolean lastRunning, Instant now) {
        if (lastStartedAt == null) {
            return Optional.empty();
        }
        if (lastRunning) {
            return Optional.of(Refusal.ALREADY_RUNNING);
        }
        if (entry.once()) {
            return Optional.of(Refusal.ALREADY_ENTERED);
        }
        return lastStartedAt.plus(entry.reentryAfter()).isAfter(now) ? Optional.of(Refusal.TOO_SOON) : Optional.empty();
    }
}
