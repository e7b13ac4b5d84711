package dev.herald.workflows.send

import io.temporal.failure.ApplicationFailure

import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList

/**
 * In-memory stand-ins for the send activities, for workflow-logic specs only: the activities
 * themselves are exercised against PostgreSQL and real providers in the api module.
 */
class FakeSendActivities implements SendActivities, DeliveryActivities {

    /** Pages of devices the fake audience has. */
    int pages = 2
    int devicesPerPage = 3
    /** Pages (by index) whose delivery always fails, to exhaust retries. */
    Set<Integer> failingPages = []

    final List<String> calls = new CopyOnWriteArrayList<>()

    @Override
    void markRunning(UUID sendId, Instant at) {
        calls << "markRunning"
    }

    @Override
    void finish(UUID sendId, String status, String pendingReason, Instant at) {
        calls << "finish:$status:$pendingReason".toString()
    }

    @Override
    BatchResult deliverBatch(DeliveryBatch batch) {
        int page = pageOf(batch.afterDeviceId())
        calls << "deliver:$page".toString()
        if (page in failingPages) {
            throw ApplicationFailure.newNonRetryableFailure("provider down", "RetryableDelivery")
        }
        result(page, devicesPerPage, 0)
    }

    @Override
    BatchResult abandonBatch(DeliveryBatch batch, String reason) {
        int page = pageOf(batch.afterDeviceId())
        calls << "abandon:$page:$reason".toString()
        result(page, 0, devicesPerPage)
    }

    private BatchResult result(int page, int accepted, int failed) {
        new BatchResult(cursorAfter(page), devicesPerPage, accepted, failed, 0, page == pages - 1)
    }

    static UUID cursorAfter(int page) {
        new UUID(0, page + 1)
    }

    static int pageOf(UUID cursor) {
        cursor == null ? 0 : (int) cursor.leastSignificantBits
    }
}
