package dev.herald.domain.abtest;

import java.util.Locale;

/** What a test is judged on: the share of recipients who opened, or who clicked (an action or the push). */
public enum AbMetric {
    OPENED,
    CLICKED;

    public long of(VariantStats stats) {
        return this == OPENED ? stats.opened() : stats.clicked();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
