package dev.herald.workflows.send;

/** Running totals of a send, answered by the progress query. */
public record SendProgress(String status, long devices, long accepted, long failed, long suppressed) {

    public static SendProgress start(String status) {
        return new SendProgress(status, 0, 0, 0, 0);
    }

    public SendProgress plus(BatchResult batch) {
        return new SendProgress(status, devices + batch.devices(), accepted + batch.accepted(),
                failed + batch.failed(), suppressed + batch.suppressed());
    }

    public SendProgress withStatus(String newStatus) {
        return new SendProgress(newStatus, devices, accepted, failed, suppressed);
    }
}
