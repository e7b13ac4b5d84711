package dev.herald.workflows.send;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;

public class SendWorkflowImpl implements SendWorkflow {

    /** Devices per delivery activity: large enough to pipeline well, small enough to retry cheaply. */
    static final int BATCH_SIZE = 500;
    /** A run continues as new after this many pages, keeping its history far under 10k events. */
    static final int MAX_BATCHES_PER_RUN = 200;

    private final SendActivities sends = Workflow.newActivityStub(SendActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .build());

    private final DeliveryActivities delivery = Workflow.newActivityStub(DeliveryActivities.class,
            ActivityOptions.newBuilder()
                    .setSummary("deliver a page of devices")
                    .setStartToCloseTimeout(Duration.ofMinutes(5))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(8)
                            .build())
                    .build());

    private SendProgress progress = SendProgress.start("SCHEDULED");
    private boolean cancelRequested;
    private boolean finished;

    @Override
    public SendProgress run(SendWorkflowInput input) {
        if (input.progress() != null) {
            progress = input.progress();
        }
        if (!input.started()) {
            waitUntil(input.scheduledFor());
            if (cancelRequested) {
                return finish(input, "CANCELLED");
            }
            sends.markRunning(input.sendId(), now());
            progress = progress.withStatus("RUNNING");
        }
        var cursor = input.cursor();
        for (int batches = 0; ; batches++) {
            if (cancelRequested) {
                return finish(input, "CANCELLED");
            }
            if (batches == MAX_BATCHES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.await(Workflow::isEveryHandlerFinished);
                Workflow.continueAsNew(input.continueAt(cursor, progress));
            }
            DeliveryBatch batch = new DeliveryBatch(input.sendId(), cursor, BATCH_SIZE);
            BatchResult result;
            try {
                result = delivery.deliverBatch(batch);
            } catch (ActivityFailure retriesExhausted) {
                result = delivery.abandonBatch(batch, "retries_exhausted");
            }
            progress = progress.plus(result);
            Workflow.setCurrentDetails("Delivered to " + progress.devices() + " devices: "
                    + progress.accepted() + " accepted, " + progress.failed() + " failed");
            if (result.lastPage()) {
                return finish(input, "COMPLETED");
            }
            cursor = result.lastDeviceId();
        }
    }

    private void waitUntil(Instant scheduledFor) {
        if (scheduledFor == null) {
            return;
        }
        Duration wait = Duration.between(now(), scheduledFor);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        Promise<Void> timer = Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary("wait until " + scheduledFor).build());
        Workflow.await(() -> timer.isCompleted() || cancelRequested);
    }

    private SendProgress finish(SendWorkflowInput input, String status) {
        sends.finish(input.sendId(), status, "cancelled".equalsIgnoreCase(status) ? "cancelled" : "not_delivered", now());
        progress = progress.withStatus(status);
        finished = true;
        Workflow.await(Workflow::isEveryHandlerFinished);
        return progress;
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
        if (finished) {
            throw new IllegalStateException("the send has already finished");
        }
    }

    @Override
    public SendProgress progress() {
        return progress;
    }
}
