package dev.herald.workflows.liveactivity;

/** What the push service said about one live activity push. */
public record PushResult(Outcome outcome, String reason) {

    public enum Outcome {
        /** The push service accepted it. */
        SENT,
        /** There is no token to push to (yet): the app has not reported one. */
        NO_TOKEN,
        /** The push service called the token invalid; it has been retired. */
        TOKEN_INVALID,
        /** A permanent failure (bad credentials, payload refused, retries exhausted). */
        FAILED
    }

    public static PushResult sent() {
        return new PushResult(Outcome.SENT, null);
    }

    public static PushResult of(Outcome outcome, String reason) {
        return new PushResult(outcome, reason);
    }

    public String describe() {
        return reason == null ? outcome.name().toLowerCase() : outcome.name().toLowerCase() + ": " + reason;
    }
}
