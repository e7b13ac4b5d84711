package dev.herald.activities.policy;

import dev.herald.domain.abtest.AbTestStore;
import dev.herald.domain.policy.AppDeliverySettings;
import dev.herald.domain.policy.AppSettingsStore;
import dev.herald.domain.policy.DeliveryPolicy;
import dev.herald.domain.policy.RecentSends;
import dev.herald.domain.policy.PlanningNeeds;
import dev.herald.domain.policy.RecipientPlanning;
import dev.herald.domain.policy.RecipientProfiles;
import dev.herald.domain.policy.RecipientZone;
import dev.herald.domain.policy.SendPlan;
import dev.herald.domain.policy.SendPlanStore;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.send.Send;
import dev.herald.domain.user.User;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The S5 policies for a page of recipient devices: loads what the rules need (the send's
 * plan, the apps' settings, the users, their recent pushes) in a few queries, then asks
 * {@link RecipientPlanning} per device.
 */
@Singleton
public class SendPolicies {

    private final SendPlanStore plans;
    private final AppSettingsStore settings;
    private final RecipientProfiles profiles;
    private final RecentSends recentSends;
    private final AbTestStore abTests;

    public SendPolicies(SendPlanStore plans, AppSettingsStore settings, RecipientProfiles profiles, RecentSends recentSends,
                        AbTestStore abTests) {
        this.plans = plans;
        this.settings = settings;
        this.profiles = profiles;
        this.recentSends = recentSends;
        this.abTests = abTests;
    }

    /**
     * @param dueAt the instant a deferred group was deferred to, when it comes due; null on a first pass
     */
    public Map<UUID, RecipientPlanning.Planned> plan(Send send, List<RecipientDevice> page, Instant dueAt, Instant now) {
        SendPlan plan = planOf(send);
        Set<UUID> appIds = page.stream().map(RecipientDevice::appId).collect(Collectors.toSet());
        Map<UUID, AppDeliverySettings> appSettings = settings.forApps(appIds);
        PlanningNeeds needs = PlanningNeeds.of(plan, appSettings.values().stream().map(AppDeliverySettings::policy).toList());
        Map<UUID, User> users = !needs.users() ? Map.of()
                : profiles.byIds(page.stream().map(RecipientDevice::userId).collect(Collectors.toSet()));
        Duration lookBack = Duration.ofDays(1);
        // caps compare with the ledger's sent_at, which PostgreSQL stamps on the wall clock; quiet
        // hours are judged on Temporal's clock, the one the deferral's timer runs on
        Instant capsNow = Instant.now();
        Map<RecentSends.UserApp, List<Instant>> earlier = !needs.recentSends() ? Map.of()
                : recentSends.since(send.id(), page.stream().map(d -> new RecentSends.UserApp(d.userId(), d.appId())).collect(Collectors.toSet()),
                capsNow.minus(lookBack));
        Instant quietHoursAt = dueAt != null && dueAt.isAfter(now) ? dueAt : now;
        Map<UUID, RecipientPlanning.Planned> planned = new LinkedHashMap<>();
        for (RecipientDevice device : page) {
            AppDeliverySettings app = appSettings.get(device.appId());
            DeliveryPolicy policy = app == null ? DeliveryPolicy.NONE : app.policy();
            User user = users.get(device.userId());
            var recipient = new RecipientPlanning.Recipient(user, device.locale(),
                    RecipientZone.resolve(device.timezone(), user == null ? null : user.timezone(), app == null ? null : app.defaultTimezone()));
            planned.put(device.deviceId(), RecipientPlanning.plan(plan, send.content(), policy, recipient, quietHoursAt, capsNow,
                    earlier.getOrDefault(new RecentSends.UserApp(device.userId(), device.appId()), List.of())));
        }
        return planned;
    }

    /**
     * Records on the page's ledger rows (they must exist) which variant of the send's A/B
     * experiment each user's devices got, so per-variant stats count them. The variant is the
     * user's sticky bucket, so recomputing it here gives what {@link #plan} chose.
     */
    public void recordVariants(Send send, List<RecipientDevice> page) {
        SendPlan plan = planOf(send);
        if (!plan.experimental()) {
            return;
        }
        Map<UUID, User> users = profiles.byIds(page.stream().map(RecipientDevice::userId).collect(Collectors.toSet()));
        Map<UUID, String> variants = new HashMap<>();
        for (RecipientDevice device : page) {
            User user = users.get(device.userId());
            // users held back for the winner got nothing: they are not in the experiment
            if (user != null && !plan.holdsBack(user.externalId())) {
                variants.put(device.deviceId(), RecipientPlanning.variantOf(plan, user.externalId()).key());
            }
        }
        abTests.recordVariants(send.id(), plan.abTestId(), variants);
    }

    private SendPlan planOf(Send send) {
        return plans.find(send.id()).orElseGet(() -> SendPlan.plain(send.id(), send.content().title(), send.content().body(),
                send.content().data(), send.content().url()));
    }
}
