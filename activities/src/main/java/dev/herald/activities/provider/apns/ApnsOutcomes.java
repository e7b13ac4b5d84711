package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import dev.herald.activities.provider.OutcomeRules;
import dev.herald.activities.provider.ProviderOutcome;

/** Reads a Pushy response; what it means is decided in {@link OutcomeRules}. */
public final class ApnsOutcomes {

    public static final String CHANNEL = OutcomeRules.APNS;

    private ApnsOutcomes() {
    }

    public static ProviderOutcome of(PushNotificationResponse<?> response) {
        if (response.isAccepted()) {
            return ProviderOutcome.accepted(CHANNEL, response.getApnsId() == null ? null : response.getApnsId().toString(),
                    response.getStatusCode());
        }
        return OutcomeRules.apnsRejected(response.getStatusCode(), response.getRejectionReason().orElse(null));
    }

    public static ProviderOutcome of(Throwable failure) {
        return OutcomeRules.unreachable(CHANNEL, failure);
    }
}
