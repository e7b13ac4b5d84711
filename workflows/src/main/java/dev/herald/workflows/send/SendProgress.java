package dev.herald.workflows.send;

/**
 * Running totals of a send, answered by the progress query: devices targeted when it started,
 * devices processed so far, and how they stand (sent = accepted by the provider; deferred =
 * waiting for their local time or a policy window).
 */
public record SendProgress(String status, long targeted, long processed, long sent, long failed, long suppressed, long deferred) {

    public static SendProgress start(String status) {
        return new SendProgress(status, 0, 0, 0, 0, 0, 0);
    }

    public SendProgress targeting(long devices) {
        return new SendProgress(status, devices, processed, sent, failed, suppressed, deferred);
    }

    public SendProgress plus(BatchResult batch) {
        return new SendProgress(status, targeted, processed + batch.devices(), sent + batch.accepted(), failed + batch.failed(),
                suppressed + batch.suppressed(), deferred + batch.deferred() - batch.undeferred());
    }

    public SendProgress withStatus(String newStatus) {
        return new SendProgress(newStatus, targeted, processed, sent, failed, suppressed, deferred);
    }
}
