package dev.herald.domain.policy;

import dev.herald.domain.template.MessageRendering;

import java.util.Collection;

/**
 * What planning a page of recipients has to load besides the devices themselves, so a plain
 * broadcast does not pay for personalisation it does not use.
 *
 * @param users       the recipients' users: A/B buckets (external id), localized texts and
 *                    {@code {{variables}}} (locale, tags, properties), quiet hours (zone)
 * @param recentSends when the users' earlier pushes reached them: frequency caps only
 */
public record PlanningNeeds(boolean users, boolean recentSends) {

    public static PlanningNeeds of(SendPlan plan, Collection<DeliveryPolicy> policies) {
        boolean quietHours = !plan.transactional() && policies.stream().anyMatch(p -> p.quietHours() != null);
        boolean caps = !plan.transactional() && policies.stream().anyMatch(p -> p.cap().limited());
        return new PlanningNeeds(quietHours || !uniform(plan), caps);
    }

    /** Every recipient gets the same words: no A/B variants, no localized versions, no variables. */
    static boolean uniform(SendPlan plan) {
        return !plan.abTest() && plan.message().localized().isEmpty() && MessageRendering.variablesOf(plan.message()).isEmpty();
    }
}
