package dev.herald.activities.provider;

import java.time.Duration;

/**
 * A provider's answer for one device. RETRY answers are retried through the activity's retry
 * policy (after {@code retryAfter} when the provider asked for a pause); FAILED is final.
 */
public record ProviderOutcome(Result result,
                              String channel,
                              String reason,
                              Integer providerStatus,
                              String messageId,
                              boolean tokenInvalid,
                              Duration retryAfter) {

    public enum Result { ACCEPTED, RETRY, FAILED }

    public static ProviderOutcome accepted(String channel, String messageId, Integer providerStatus) {
        return new ProviderOutcome(Result.ACCEPTED, channel, null, providerStatus, messageId, false, null);
    }

    public static ProviderOutcome retry(String channel, String reason, Integer providerStatus, Duration retryAfter) {
        return new ProviderOutcome(Result.RETRY, channel, reason, providerStatus, null, false, retryAfter);
    }

    public static ProviderOutcome failed(String channel, String reason, Integer providerStatus, boolean tokenInvalid) {
        return new ProviderOutcome(Result.FAILED, channel, reason, providerStatus, null, tokenInvalid, null);
    }
}
