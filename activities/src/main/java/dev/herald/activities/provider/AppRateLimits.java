package dev.herald.activities.provider;

import dev.herald.domain.policy.TokenBucket;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-app delivery rate (S4): pushes of one app leave a worker at most this fast, so a
 * broadcast cannot trip the push services' throttling. Each worker process holds its own
 * buckets; with M workers an app's ceiling is M times the setting.
 */
@Singleton
public class AppRateLimits {

    /**
     * @param perAppPerSecond pushes per second per app and worker; 0 turns the limit off
     * @param burst           pushes an idle app may send at once
     */
    @ConfigurationProperties("herald.delivery")
    public record Settings(@Bindable(defaultValue = "1000") double perAppPerSecond,
                           @Bindable(defaultValue = "1000") double burst) {
    }

    /** Waits; the dispatcher heartbeats while a wait is long. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Settings settings;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public AppRateLimits(Settings settings) {
        this(settings, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    public AppRateLimits(Settings settings, LongSupplier nanoClock, Sleeper sleeper) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Returns once one push of the app may go, heartbeating at least every 5 s of waiting. */
    public void acquire(UUID appId, Runnable heartbeat) {
        if (settings.perAppPerSecond() <= 0) {
            return;
        }
        Duration[] wait = new Duration[1];
        buckets.compute(appId, (id, bucket) -> {
            long now = nanoClock.getAsLong();
            TokenBucket current = bucket != null ? bucket
                    : TokenBucket.full(settings.perAppPerSecond(), Math.max(1, settings.burst()), now);
            TokenBucket.Taken taken = current.take(now);
            wait[0] = taken.waitFor();
            return taken.bucket();
        });
        Duration left = wait[0];
        try {
            while (left.compareTo(Duration.ZERO) > 0) {
                Duration slice = left.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : left;
                sleeper.sleep(slice);
                left = left.minus(slice);
                if (!left.isZero()) {
                    heartbeat.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing deliveries", e);
        }
    }
}
