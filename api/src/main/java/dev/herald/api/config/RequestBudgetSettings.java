package dev.herald.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Request budgets (S10), per minute: each API key's, each session's (an app may set its own,
 * {@code sessionRequestsPerMinute} in its settings) and each caller's for bulk requests (CSV
 * uploads, segment previews), counted on top of the first.
 */
@ConfigurationProperties("herald.request-budgets")
public record RequestBudgetSettings(@Bindable(defaultValue = "true") boolean enabled,
                                    @Bindable(defaultValue = "6000") int apiKeyPerMinute,
                                    @Bindable(defaultValue = "300") int sessionPerMinute,
                                    @Bindable(defaultValue = "60") int bulkPerMinute) {
}
