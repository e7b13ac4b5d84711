package dev.herald.api.liveactivity;

import dev.herald.domain.liveactivity.LiveActivityPlatform;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param iosMaxLifetime     when an iOS Live Activity is ended at the latest (ActivityKit allows 8 hours active)
 * @param androidMaxLifetime when an Android Live Update is ended at the latest
 * @param minUpdateInterval  the least time between two priority-10 pushes to one activity; updates
 *                           in between are merged into the next push (Apple budgets frequent updates)
 */
@ConfigurationProperties("herald.live-activities")
public record LiveActivitySettings(@Bindable(defaultValue = "8h") Duration iosMaxLifetime,
                                   @Bindable(defaultValue = "8h") Duration androidMaxLifetime,
                                   @Bindable(defaultValue = "15s") Duration minUpdateInterval) {

    public Duration maxLifetime(LiveActivityPlatform platform) {
        return platform == LiveActivityPlatform.IOS ? iosMaxLifetime : androidMaxLifetime;
    }
}
