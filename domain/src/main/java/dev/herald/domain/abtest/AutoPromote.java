package dev.herald.domain.abtest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;

/**
 * Opt-in automatic promotion: a send with this test first goes to {@code samplePercent}% of its
 * audience; after at least {@code minWaitMinutes}, once every variant reached
 * {@code minSamplePerVariant} users and one is significantly better, it is declared the winner
 * and the rest of the audience gets it. At {@code maxWaitMinutes} without a significant winner
 * the test is inconclusive: no winner is declared, and the rest get the control (the first
 * variant) or, with {@code ifInconclusive = "nothing"}, nothing.
 */
@Serdeable
public record AutoPromote(int samplePercent,
                          int minSamplePerVariant,
                          int minWaitMinutes,
                          int maxWaitMinutes,
                          @Nullable Double confidence,
                          @Nullable Integer checkEveryMinutes,
                          @Nullable String ifInconclusive) {

    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Inconclusive: the rest of the audience gets the control (the default). */
    public static final String SEND_CONTROL = "control";
    /** Inconclusive: the rest of the audience gets nothing. */
    public static final String SEND_NOTHING = "nothing";
    public static final int DEFAULT_CHECK_EVERY_MINUTES = 15;

    public double effectiveConfidence() {
        return confidence == null ? DEFAULT_CONFIDENCE : confidence;
    }

    /** Whether the rest of the audience gets the control when no variant won. */
    public boolean sendsControlIfInconclusive() {
        return ifInconclusive == null || SEND_CONTROL.equals(ifInconclusive);
    }

    public Duration checkEvery() {
        return Duration.ofMinutes(checkEveryMinutes == null ? DEFAULT_CHECK_EVERY_MINUTES : checkEveryMinutes);
    }

    /** What to do now, {@code elapsed} after the sample went out, given the readout so far. */
    public Decision decide(AbReadout readout, Duration elapsed) {
        Duration minWait = Duration.ofMinutes(minWaitMinutes);
        Duration maxWait = Duration.ofMinutes(maxWaitMinutes);
        if (elapsed.compareTo(minWait) < 0) {
            return new Decision.Wait(minWait.minus(elapsed));
        }
        boolean enoughUsers = readout.variants().stream().allMatch(v -> v.stats().sent() >= minSamplePerVariant);
        if (enoughUsers && readout.significantWinner() != null) {
            return new Decision.Declare(readout.significantWinner(), true);
        }
        if (elapsed.compareTo(maxWait) >= 0) {
            return new Decision.Declare(readout.control(), false);
        }
        Duration untilMax = maxWait.minus(elapsed);
        return new Decision.Wait(checkEvery().compareTo(untilMax) < 0 ? checkEvery() : untilMax);
    }

    public sealed interface Decision {
        record Wait(Duration next) implements Decision {
        }

        /** @param significant false when the maximum wait ran out and the control was chosen */
        record Declare(String variant, boolean significant) implements Decision {
        }
    }
}
