package dev.herald.api.abtest;

import dev.herald.domain.abtest.AbReadout;
import dev.herald.domain.abtest.AbTest;
import dev.herald.domain.abtest.AbVariant;
import dev.herald.domain.abtest.AutoPromote;
import dev.herald.domain.template.MessageContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class AbTestViews {

    private AbTestViews() {
    }

    @Serdeable
    public record VariantView(String key, int weight, @Nullable String title, @Nullable String body,
                              @Nullable Map<String, MessageContent.LocalizedText> localized,
                              @Nullable List<MessageContent.Action> actions, @Nullable Map<String, Object> data,
                              @Nullable String url, @Nullable UUID templateId) {
        static VariantView of(AbVariant v) {
            MessageContent c = v.content();
            return c == null
                    ? new VariantView(v.key(), v.weight(), null, null, null, null, null, null, v.templateId())
                    : new VariantView(v.key(), v.weight(), c.title(), c.body(), c.localized(), c.actions(), c.data(), c.url(), null);
        }
    }

    @Serdeable
    public record AbTestView(UUID id, String name, String metric, List<VariantView> variants, @Nullable AutoPromote autoPromote,
                             @Nullable String winner, @Nullable String winnerSource, @Nullable Instant winnerDeclaredAt,
                             Instant createdAt, Instant updatedAt) {
        static AbTestView of(AbTest t) {
            return new AbTestView(t.id(), t.name(), t.metric().label(), t.variants().stream().map(VariantView::of).toList(),
                    t.autoPromote(), t.winner(), t.winnerSource(), t.winnerDeclaredAt(), t.createdAt(), t.updatedAt());
        }
    }

    /**
     * One variant's results, counted in users. {@code rate} is the test metric's rate; lift,
     * z-score and p-value compare it with the control (the first variant).
     */
    @Serdeable
    public record VariantResultView(String key, long sent, long opened, long clicked, double openRate, double clickRate,
                                    double rate, @Nullable Double lift, @Nullable Double zScore, @Nullable Double pValue,
                                    boolean significant) {
        static VariantResultView of(AbReadout.VariantResult r) {
            var s = r.stats();
            return new VariantResultView(s.key(), s.sent(), s.opened(), s.clicked(), s.openRate(), s.clickRate(), r.rate(),
                    r.lift(), r.zScore(), r.pValue(), r.significant());
        }
    }

    /**
     * Per-variant stats and the two-proportion z-test readout at the test's confidence level;
     * {@code notEnoughData} says why some variant cannot be compared yet (null when all can).
     */
    @Serdeable
    public record ResultsView(UUID testId, String metric, double confidence, String control, String leader,
                              @Nullable String significantWinner, @Nullable String winner, @Nullable String notEnoughData,
                              List<VariantResultView> variants) {
        static ResultsView of(AbTest test, AbReadout readout) {
            return new ResultsView(test.id(), readout.metric().label(), readout.confidence(), readout.control(), readout.leader(),
                    readout.significantWinner(), test.winner(), readout.notEnoughData(),
                    readout.variants().stream().map(VariantResultView::of).toList());
        }
    }
}
