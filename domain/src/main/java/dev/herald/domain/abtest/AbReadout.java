package dev.herald.domain.abtest;

import java.util.Comparator;
import java.util.List;

/**
 * The statistical readout of a test: each variant against the control (the first variant) on
 * the test's metric, and the leader, which is a significant winner only when it beats every
 * other variant at the confidence level.
 *
 * @param significantWinner null while no variant is significantly better than all the others
 */
public record AbReadout(AbMetric metric, double confidence, String control, List<VariantResult> variants,
                        String leader, String significantWinner) {

    /**
     * @param lift, zScore, pValue against the control; null for the control itself or when a group is empty
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
            double rate = v.sent() == 0 ? 0 : (double) metric.of(v) / v.sent();
            if (v == control || v.sent() == 0 || control.sent() == 0) {
                return new VariantResult(v, rate, null, null, null, false);
            }
            var c = TwoProportionTest.compare(control.sent(), metric.of(control), v.sent(), metric.of(v));
            return new VariantResult(v, rate, c.lift(), c.z(), c.pValue(), c.pValue() < alpha);
        }).toList();
        VariantResult leader = results.stream().max(Comparator.comparingDouble(VariantResult::rate)).orElseThrow();
        boolean beatsAll = leader.stats().sent() > 0 && results.stream()
                .filter(r -> r != leader)
                .allMatch(r -> r.stats().sent() > 0 && r.rate() < leader.rate()
                        && TwoProportionTest.compare(r.stats().sent(), metric.of(r.stats()),
                        leader.stats().sent(), metric.of(leader.stats())).pValue() < alpha);
        return new AbReadout(metric, confidence, control.key(), results, leader.stats().key(),
                beatsAll && results.size() > 1 ? leader.stats().key() : null);
    }
}
