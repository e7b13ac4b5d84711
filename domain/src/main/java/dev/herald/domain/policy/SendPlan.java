package dev.herald.domain.policy;

import dev.herald.domain.abtest.AbBuckets;
import dev.herald.domain.template.MessageContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a send is personalised and policed, fixed when it is created: whether it is
 * transactional, its message (raw, with localized versions and {@code {{variables}}}), its
 * variables and event values (what {@code {{event.*}}} reads), and for an A/B send the variants' messages (resolved from templates at creation,
 * so later template edits do not change a send in flight).
 *
 * @param forcedVariant the variant every recipient gets (the test has a winner); null: each user's sticky bucket
 * @param samplePercent for an auto-promoted test without a winner: the share of users who try the
 *                      variants; the others are held back (suppressed with reason {@code ab_holdout})
 *                      for the winner, which the send's promotion workflow sends them later. Null: everyone
 */
public record SendPlan(UUID sendId,
                       boolean transactional,
                       MessageContent message,
                       Map<String, Object> variables,
                       @Nullable UUID templateId,
                       @Nullable UUID abTestId,
                       List<Variant> variants,
                       @Nullable String forcedVariant,
                       @Nullable Integer samplePercent,
                       Map<String, Object> event) {

    public static final String HOLDOUT = "ab_holdout";

    @Serdeable
    public record Variant(String key, int weight, MessageContent message) {
    }

    public SendPlan {
        variables = variables == null ? Map.of() : variables;
        variants = variants == null ? List.of() : variants;
        event = event == null ? Map.of() : event;
    }

    /** A plan without event values. */
    public SendPlan(UUID sendId, boolean transactional, MessageContent message, Map<String, Object> variables, UUID templateId,
                    UUID abTestId, List<Variant> variants, String forcedVariant, Integer samplePercent) {
        this(sendId, transactional, message, variables, templateId, abTestId, variants, forcedVariant, samplePercent, Map.of());
    }

    /** A send with no plan stored: not transactional, its content's text as the message. */
    public static SendPlan plain(UUID sendId, String title, String body, Map<String, Object> data, String url) {
        return new SendPlan(sendId, false, new MessageContent(title, body, null, null, data, url), Map.of(), null, null, List.of(), null, null);
    }

    public boolean abTest() {
        return abTestId != null && !variants.isEmpty();
    }

    /** Whether deliveries count towards the test's stats: users assigned by bucket, not a declared winner. */
    public boolean experimental() {
        return abTest() && forcedVariant == null;
    }

    /** Whether the send tries its variants on a sample and holds the rest back for an auto-promoted winner. */
    public boolean sampling() {
        return experimental() && samplePercent != null;
    }

    /** Whether this user is held back for the winner (not in the sample); by a sticky hash of test and user. */
    public boolean holdsBack(String externalUserId) {
        return sampling() && !AbBuckets.inSample(abTestId, externalUserId, samplePercent);
    }

    public SendPlan withSendId(UUID id) {
        return new SendPlan(id, transactional, message, variables, templateId, abTestId, variants, forcedVariant, samplePercent, event);
    }

    /** The plan of the send that gives the users held back the winner: every recipient gets {@code variant}, no sampling. */
    public SendPlan forWinner(UUID followUpSendId, String variant) {
        return new SendPlan(followUpSendId, transactional, message, variables, templateId, abTestId, variants, variant, null, event);
    }
}
