package dev.herald.domain.abtest;

import io.micronaut.core.annotation.Nullable;

import java.util.Comparator;
import java.util.List;

/**
 * The statistical readout of a test: each variant against the control (the first variant) on
 * the test's metric, and the leader, which is a significant winner only when it beats every
 * other variant at the confidence level. Never throws on counts it cannot compare (a variant
 * without users yet): those comparisons are left out and {@code notEnoughData} says why.
 *
 * @param significantWinner null while no variant is significantly better than all the others
 * @param notEnoughData     why some variant cannot be compared yet; null when every one can
 */
public record AbReadout(AbMetric metric, double confidence, String control, List<VariantResult> variants,
                        String leader, String significantWinner, @Nullable String notEnoughData) {

    /**
     * @param lift, zScore, pValue against the control; null for the control itself or when a group cannot be compared
     */
    public record VariantResult(VariantStats stats, double rate, Double lift, Double zScore, Double pValue,
                                boolean significant) {
    }

    public static AbReadout of(List<VariantStats> stats, AbMetric metric, double confidence) {
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("a readout needs at least one variant");
        }
        double alpha = 1 - confidence;
        VariantStats control = stats.get(0);
        List<VariantResult> results = stats.stream().map(v -> {
            double rate = v.sent() <= 0 ? 0 : (double) metric.of(v) / v.sent();
            if (v == control || whyNot(control, v, metric) != null) {
                return new VariantResult(v, rate, null, null, null, false);
            }
            var c = TwoProportionTest.compare(control.sent(), metric.of(control), v.sent(), metric.of(v));
            return new VariantResult(v, rate, c.lift(), c.z(), c.pValue(), c.pValue() < alpha);
        }).toList();
        VariantResult leader = results.stream().max(Comparator.comparingDouble(VariantResult::rate)).orElseThrow();
        boolean beatsAll = results.stream()
                .filter(r -> r != leader)
                .allMatch(r -> whyNot(r.stats(), leader.stats(), metric) == null && r.rate() < leader.rate()
                        && TwoProportionTest.compare(r.stats().sent(), metric.of(r.stats()),
                        leader.stats().sent(), metric.of(leader.stats())).pValue() < alpha);
        String notEnoughData = stats.stream().map(v -> describe(v, metric)).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        return new AbReadout(metric, confidence, control.key(), results, leader.stats().key(),
                beatsAll && results.size() > 1 ? leader.stats().key() : null, notEnoughData);
    }

    private static String whyNot(VariantStats a, VariantStats b, AbMetric metric) {
        return TwoProportionTest.whyNotComparable(a.sent(), metric.of(a), b.sent(), metric.of(b));
    }

    /** What is wrong with one variant's counts for a comparison, or null when nothing is. */
    private static String describe(VariantStats v, AbMetric metric) {
        if (v.sent() <= 0) {
            return "not enough data: variant " + v.key() + " has reached no user yet";
        }
        long converted = metric.of(v);
        if (converted < 0 || converted > v.sent()) {
            return "not enough data: variant " + v.key() + " counts " + converted + " " + metric.label() + " users of "
                    + v.sent() + " reached";
        }
        return null;
    }
}
