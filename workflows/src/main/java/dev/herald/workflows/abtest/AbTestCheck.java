package dev.herald.workflows.abtest;

import dev.herald.domain.abtest.AbMetric;
import dev.herald.domain.abtest.AutoPromote;
import dev.herald.domain.abtest.VariantStats;

import java.util.List;

/**
 * A test as a promotion check reads it: its metric and auto-promotion settings, per-variant
 * stats from the ledger, and any winner declared meanwhile.
 *
 * @param exists false once the test was deleted
 */
public record AbTestCheck(boolean exists, AbMetric metric, AutoPromote autoPromote, List<VariantStats> stats,
                          String winner, String winnerSource) {

    public static AbTestCheck deleted() {
        return new AbTestCheck(false, null, null, List.of(), null, null);
    }
}
