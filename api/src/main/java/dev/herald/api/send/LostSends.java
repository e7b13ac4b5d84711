package dev.herald.api.send;

import dev.herald.api.temporal.LostRuns;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import jakarta.inject.Singleton;

/**
 * Sends PostgreSQL has as scheduled, running or paused start {@code send-<id>} again: a scheduled
 * one waits for its time, a paused one stays paused, and the ledger keeps devices already answered
 * from a second push. The pushes of running automation runs and A/B follow-ups are left to those,
 * which start them as their children.
 */
@Singleton
public class LostSends implements LostRuns {


    private final SendStore sends;
    private final SendService service;

    public LostSends(SendStore sends, SendService service) {
        this.sends = sends;
        this.service = service;
    }

    @Override
    public String kind() {
        return "sends";
    }

    @Override
    public int restart() {
        return LostRuns.restartEach(sends.unfinishedOnTheirOwn(), service::restart);
    }
}
