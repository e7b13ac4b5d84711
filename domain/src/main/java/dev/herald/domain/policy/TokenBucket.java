package dev.herald.domain.policy;

import java.time.Duration;

/**
 * A token bucket for delivery rates: {@code ratePerSecond} tokens flow in, at most
 * {@code capacity} are kept. Taking a token from an empty bucket reserves the next one and
 * says how long to wait for it, so callers queue in order instead of racing.
 */
public record TokenBucket(double ratePerSecond, double capacity, double tokens, long updatedNanos) {

    /** The bucket after a take, and how long the taker must wait before its push may go. */
    public record Taken(TokenBucket bucket, Duration waitFor) {
    }

    public static TokenBucket full(double ratePerSecond, double capacity, long nowNanos) {
        if (ratePerSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("a rate above 0 and a capacity of at least 1 are needed");
        }
        return new TokenBucket(ratePerSecond, capacity, capacity, nowNanos);
    }

    public Taken take(long nowNanos) {
        double elapsedSeconds = Math.max(0, nowNanos - updatedNanos) / 1e9;
        double available = Math.min(capacity, tokens + elapsedSeconds * ratePerSecond) - 1;
        Duration wait = available >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-available / ratePerSecond * 1e9));
        return new Taken(new TokenBucket(ratePerSecond, capacity, available, Math.max(nowNanos, updatedNanos)), wait);
    }
}
