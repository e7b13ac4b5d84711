package dev.herald.workflows.send;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a send's recipients in lanes (slices of the device id space, each with its own
 * cursor), one delivery activity in flight per lane, so a broadcast of millions pipelines
 * while each page stays small and retryable. Continues as new long before 10k events, then
 * delivers deferred devices group by group when their instant comes.
 */
public class SendWorkflowImpl implements SendWorkflow {

    /** Devices per delivery activity: large enough to pipeline well, small enough to retry cheaply. */
    static final int PAGE_SIZE = 500;
    /** Pages in flight at most (one per lane). */
    static final int MAX_LANES = 8;
    /** A run continues as new past this many history events, far under the 10k ceiling. */
    static final int HISTORY_LIMIT = 3_000;
    /** Since this version a cancel stops the pages in flight (their activities are cancelled) instead of letting them finish. */
    static final String CANCEL_PAGES_IN_FLIGHT = "cancel-pages-in-flight";
    /** Since this version a send paused when its history is full waits for resume before continuing as new. */
    static final String PAUSE_BEFORE_CONTINUE = "pause-before-continue-as-new";

    private final SendActivities sends = Workflow.newActivityStub(SendActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .build());

    private final DeliveryActivities delivery = Workflow.newActivityStub(DeliveryActivities.class,
            ActivityOptions.newBuilder()
                    .setSummary("deliver a page of devices")
                    .setStartToCloseTimeout(Duration.ofMinutes(5))
                    // short enough that a page learns of a cancel within seconds (heartbeats go out at most every 0.8 x this)
                    .setHeartbeatTimeout(Duration.ofSeconds(10))
                    // a cancelled page stops between chunks and records what went out before the send is finished
                    .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(8)
                            .build())
                    .build());

    private SendProgress progress = SendProgress.start("SCHEDULED");
    private SendState state;
    private boolean cancelRequested;
    private boolean paused;
    /** The cancel has been passed on to the pages in flight. */
    private boolean pagesCancelled;
    private boolean finished;

    @Override
    public SendProgress run(SendWorkflowInput input) {
        if (input.progress() != null) {
            progress = input.progress();
        }
        state = input.state();
        paused = input.paused();
        if (!input.started()) {
            waitUntil(input.scheduledFor(), "wait until " + input.scheduledFor());
            if (cancelRequested) {
                return finish(input, "CANCELLED");
            }
            SendStart start = sends.start(input.sendId(), now());
            progress = progress.targeting(start.targetedDevices()).withStatus("RUNNING");
            state = new SendState(SendState.lanes(laneCount(start)), null, pageSize(start.ratePerSecond()), start.ratePerSecond());
        }
        while (true) {
            if (!walk(input)) {
                return finish(input, "CANCELLED");
            }
            Instant group = delivery.nextDeferredGroup(input.sendId(), state.dueAt());
            if (group == null) {
                return finish(input, "COMPLETED");
            }
            describe("Waiting until " + group + " for " + progress.deferred() + " deferred devices");
            waitUntil(group, "deliver deferred devices at " + group);
            if (cancelRequested) {
                return finish(input, "CANCELLED");
            }
            state = state.forGroup(group);
        }
    }

    /** Delivers the current pass (first pass or one deferred group); false when cancelled. */
    private boolean walk(SendWorkflowInput input) {
        List<SendState.Lane> lanes = state.lanes();
        List<Promise<BatchResult>> inFlight = new ArrayList<>();
        List<DeliveryBatch> batches = new ArrayList<>();
        List<CancellationScope> scopes = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            inFlight.add(null);
            batches.add(null);
            scopes.add(null);
        }
        long nextPageAt = 0;
        boolean recordedPause = false;
        while (true) {
            boolean running = inFlight.stream().anyMatch(p -> p != null);
            boolean historyFull = Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT || Workflow.getInfo().isContinueAsNewSuggested();
            if (!cancelRequested && !paused && !historyFull && Workflow.currentTimeMillis() >= nextPageAt) {
                for (int i = 0; i < lanes.size(); i++) {
                    SendState.Lane lane = state.lanes().get(i);
                    if (!lane.done() && inFlight.get(i) == null) {
                        DeliveryBatch batch = new DeliveryBatch(input.sendId(), state.dueAt(), lane.after(), lane.upTo(), state.pageSize());
                        batches.set(i, batch);
                        int laneIndex = i;
                        // each page in its own scope, so that a cancel can stop it mid-page
                        CancellationScope scope = Workflow.newCancellationScope(() -> inFlight.set(laneIndex, Async.function(delivery::deliverBatch, batch)));
                        scope.run();
                        scopes.set(i, scope);
                        running = true;
                    }
                }
            }
            if (!running) {
                if (cancelRequested) {
                    return false;
                }
                if (state.allDone()) {
                    return true;
                }
                // since PAUSE_BEFORE_CONTINUE a paused send stays paused instead of continuing as new (the new run would not be)
                if (historyFull && !(paused && Workflow.getVersion(PAUSE_BEFORE_CONTINUE, Workflow.DEFAULT_VERSION, 1) >= 1)) {
                    Workflow.await(Workflow::isEveryHandlerFinished);
                    Workflow.continueAsNew(input.continueWith(state, progress));
                }
                if (paused) {
                    progress = progress.withStatus("PAUSED");
                    if (!recordedPause) {
                        sends.markPaused(input.sendId(), true);
                        recordedPause = true;
                    }
                    describe("Paused after " + progress.processed() + " of " + progress.targeted() + " devices");
                    Workflow.await(() -> !paused || cancelRequested);
                    if (!cancelRequested) {
                        sends.markPaused(input.sendId(), false);
                        recordedPause = false;
                        progress = progress.withStatus("RUNNING");
                    }
                    continue;
                }
                // paced: wait for the next page's turn
                Workflow.await(Duration.ofMillis(Math.max(1, nextPageAt - Workflow.currentTimeMillis())), () -> cancelRequested || paused);
                continue;
            }
            // Pages in flight finish (or, cancelled, stop) before a pause or cancel takes hold: waiting on
            // pause/cancel themselves here would be true at once and spin without ever yielding.
            if (cancelRequested && !pagesCancelled) {
                pagesCancelled = true;
                if (Workflow.getVersion(CANCEL_PAGES_IN_FLIGHT, Workflow.DEFAULT_VERSION, 1) >= 1) {
                    scopes.stream().filter(s -> s != null).forEach(CancellationScope::cancel);
                }
            }
            Workflow.await(() -> inFlight.stream().anyMatch(p -> p != null && p.isCompleted()) || (cancelRequested && !pagesCancelled));
            for (int i = 0; i < lanes.size(); i++) {
                Promise<BatchResult> page = inFlight.get(i);
                if (page == null || !page.isCompleted()) {
                    continue;
                }
                BatchResult result;
                try {
                    result = page.get();
                } catch (ActivityFailure | CanceledFailure failed) {
                    // a cancelled page stopped (or timed out) mid-way: what it sent is in the ledger, the rest is recorded as cancelled
                    result = delivery.abandonBatch(batches.get(i), pagesCancelled ? "cancelled" : "retries_exhausted");
                }
                inFlight.set(i, null);
                scopes.set(i, null);
                progress = progress.plus(result);
                state = state.withLane(i, state.lanes().get(i).advance(result));
                if (state.ratePerSecond() != null) {
                    long pageDevices = Math.max(result.devices(), result.undeferred());
                    nextPageAt = Workflow.currentTimeMillis() + pageDevices * 1000L / state.ratePerSecond();
                }
            }
            describe("Delivered to " + progress.processed() + " of " + progress.targeted() + " devices: " + progress.sent() + " sent, "
                    + progress.failed() + " failed, " + progress.suppressed() + " suppressed, " + progress.deferred() + " deferred");
        }
    }

    /** One lane per four pages of recipients, up to {@link #MAX_LANES}; a paced send uses one. */
    private static int laneCount(SendStart start) {
        if (start.ratePerSecond() != null) {
            return 1;
        }
        long pages = (start.targetedDevices() + PAGE_SIZE - 1) / PAGE_SIZE;
        int lanes = 1;
        while (lanes < MAX_LANES && pages > lanes * 4L) {
            lanes *= 2;
        }
        return lanes;
    }

    /** A paced send delivers about a second's worth of devices per page. */
    private static int pageSize(Integer ratePerSecond) {
        return ratePerSecond == null ? PAGE_SIZE : Math.max(1, Math.min(PAGE_SIZE, ratePerSecond));
    }

    private void waitUntil(Instant at, String summary) {
        if (at == null) {
            return;
        }
        Duration wait = Duration.between(now(), at);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        Promise<Void> timer = Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary(summary).build());
        Workflow.await(() -> timer.isCompleted() || cancelRequested);
    }

    private SendProgress finish(SendWorkflowInput input, String status) {
        sends.finish(input.sendId(), status, "CANCELLED".equals(status) ? "cancelled" : "not_delivered", now());
        progress = progress.withStatus(status);
        finished = true;
        Workflow.await(Workflow::isEveryHandlerFinished);
        return progress;
    }

    private static void describe(String details) {
        Workflow.setCurrentDetails(details);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    @Override
    public SendProgress cancel() {
        cancelRequested = true;
        Workflow.await(() -> finished);
        return progress;
    }

    @Override
    public void validateCancel() {
        requireUnfinished();
    }

    @Override
    public SendProgress pause() {
        paused = true;
        return progress.withStatus("PAUSED");
    }

    @Override
    public void validatePause() {
        requireUnfinished();
        if (paused) {
            throw new IllegalStateException("the send is already paused");
        }
    }

    @Override
    public SendProgress resume() {
        paused = false;
        return progress.withStatus("RUNNING");
    }

    @Override
    public void validateResume() {
        requireUnfinished();
        if (!paused) {
            throw new IllegalStateException("the send is not paused");
        }
    }

    private void requireUnfinished() {
        if (finished || cancelRequested) {
            throw new IllegalStateException("the send has already finished");
        }
    }

    @Override
    public SendProgress progress() {
        return progress;
    }
}
