package dev.herald.domain.policy;

import dev.herald.domain.abtest.AbBuckets;
import dev.herald.domain.abtest.AbVariant;
import dev.herald.domain.send.PushAction;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.template.LocaleFallback;
import dev.herald.domain.template.MessageContent;
import dev.herald.domain.template.MessageRendering;
import dev.herald.domain.template.RenderedMessage;
import dev.herald.domain.template.TemplateContext;
import dev.herald.domain.user.User;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;

/**
 * What one recipient device of a send gets (S5): the policies' decision, and for a delivery
 * the push personalised for it: the user's sticky A/B variant, the text for the device's
 * locale, every {@code {{variable}}} filled. A push whose variables cannot all be filled is
 * suppressed with reason {@code missing_variable}, never sent half-rendered.
 */
public final class RecipientPlanning {

    public static final String MISSING_VARIABLE = "missing_variable";

    private RecipientPlanning() {
    }

    /**
     * @param content  the push to deliver, or null unless the decision is to deliver
     * @param variant  the A/B variant the user got, when the send is an experiment
     */
    public record Planned(PolicyDecision decision, PushContent content, String variant) {
    }

    /**
     * One recipient device: its user (null when {@link PlanningNeeds} says the plan needs none),
     * the device's own locale, and the zone its local time is judged in.
     */
    public record Recipient(User user, String deviceLocale, ZoneId zone) {
    }

    /**
     * @param quietHoursAt when quiet hours are judged (the deferral instant when a deferred group comes due, else now)
     * @param earlierSends when the user's earlier sends from this app reached them, over the caps' look-back
     */
    public static Planned plan(SendPlan plan, PushContent base, DeliveryPolicy policy, Recipient recipient,
                               Instant quietHoursAt, Instant now, Collection<Instant> earlierSends) {
        if (plan.sampling() && plan.holdsBack(recipient.user().externalId())) {
            // not in the sample: kept for the winner, which the promotion workflow sends later
            return new Planned(new PolicyDecision.Suppress(SendPlan.HOLDOUT), null, null);
        }
        String variant = null;
        MessageContent message = plan.message();
        if (plan.abTest()) {
            SendPlan.Variant chosen = variantOf(plan, recipient.user().externalId());
            variant = chosen.key();
            message = chosen.message();
        }
        String recorded = plan.experimental() ? variant : null;
        PolicyDecision decision = policy.decide(plan.transactional(), recipient.zone(), quietHoursAt, now, earlierSends);
        if (!(decision instanceof PolicyDecision.Deliver)) {
            return new Planned(decision, null, recorded);
        }
        RenderedMessage rendered = MessageRendering.render(message,
                LocaleFallback.recipientLocale(recipient.deviceLocale(), recipient.user() == null ? null : recipient.user().locale()),
                TemplateContext.of(recipient.user(), plan.event(), plan.variables()));
        if (!rendered.complete()) {
            return new Planned(new PolicyDecision.Suppress(MISSING_VARIABLE), null, recorded);
        }
        Map<String, Object> data = message.data().isEmpty() ? base.data() : rendered.data();
        String url = rendered.url() != null ? rendered.url() : base.url();
        PushContent push = base.withMessage(rendered.title(), rendered.body(), data, url);
        if (base.actions().isEmpty() && !rendered.actions().isEmpty()) {
            // the template's (or variant's) buttons, filled; buttons the send names itself win, as its data and link do
            push = push.toBuilder().actions(rendered.actions().stream()
                    .map(a -> new PushAction(a.id(), a.title(), a.url())).toList()).build();
        }
        return new Planned(decision, push, recorded);
    }

    /** The declared winner, else the user's sticky bucket. */
    public static SendPlan.Variant variantOf(SendPlan plan, String externalUserId) {
        if (plan.forcedVariant() != null) {
            return plan.variants().stream().filter(v -> v.key().equals(plan.forcedVariant())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the winner " + plan.forcedVariant() + " is not a variant of the send"));
        }
        AbVariant picked = AbBuckets.assign(plan.abTestId(), externalUserId,
                plan.variants().stream().map(v -> new AbVariant(v.key(), v.weight(), v.message(), null)).toList());
        return plan.variants().stream().filter(v -> v.key().equals(picked.key())).findFirst().orElseThrow();
    }
}
