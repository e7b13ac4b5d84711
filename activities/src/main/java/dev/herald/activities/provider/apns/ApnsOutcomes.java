package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import dev.herald.activities.provider.ProviderOutcome;

import java.util.Set;

/**
 * What an APNs answer means for Herald. Pushy reports 429/500/503 as a completed,
 * non-accepted response, not an exception, so they are mapped to RETRY here.
 */
public final class ApnsOutcomes {

    public static final String CHANNEL = "apns";
    private static final Set<String> INVALID_TOKEN_REASONS = Set.of("Unregistered", "BadDeviceToken", "ExpiredToken");
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 503);

    private ApnsOutcomes() {
    }

    public static ProviderOutcome of(PushNotificationResponse<?> response) {
        int status = response.getStatusCode();
        if (response.isAccepted()) {
            return ProviderOutcome.accepted(CHANNEL, response.getApnsId() == null ? null : response.getApnsId().toString(), status);
        }
        String reason = response.getRejectionReason().orElse("HTTP " + status);
        if (RETRYABLE_STATUSES.contains(status)) {
            return ProviderOutcome.retry(CHANNEL, "apns:" + reason, status, null);
        }
        boolean tokenInvalid = status == 410 || INVALID_TOKEN_REASONS.contains(reason);
        return ProviderOutcome.failed(CHANNEL, "apns:" + reason, status, tokenInvalid);
    }

    public static ProviderOutcome of(Throwable failure) {
        return ProviderOutcome.retry(CHANNEL, "apns:" + failure.getClass().getSimpleName(), null, null);
    }
}
