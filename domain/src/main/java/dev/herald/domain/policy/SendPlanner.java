package dev.herald.domain.policy;

import dev.herald.domain.FieldError;
import dev.herald.domain.abtest.AbTest;
import dev.herald.domain.abtest.AbTestStore;
import dev.herald.domain.abtest.AbVariant;
import dev.herald.domain.template.MessageContent;
import dev.herald.domain.template.MessageContentRules;
import dev.herald.domain.template.MessageRendering;
import dev.herald.domain.template.RenderedMessage;
import dev.herald.domain.template.Template;
import dev.herald.domain.template.TemplateContext;
import dev.herald.domain.template.TemplateStore;
import dev.herald.domain.user.User;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a send request's personalisation (transactional, template, variables, localized text,
 * A/B test) into a {@link SendPlan}, and refuses one that could not be rendered for every
 * targeted user: a missing variable is an error at creation, not a broken push.
 */
@Singleton
public class SendPlanner {

    private static final int NAMED_USERS = 5;

    private final TemplateStore templates;
    private final AbTestStore abTests;
    private final RecipientProfiles profiles;
    private final SendPlanStore plans;

    public SendPlanner(TemplateStore templates, AbTestStore abTests, RecipientProfiles profiles, SendPlanStore plans) {
        this.templates = templates;
        this.abTests = abTests;
        this.profiles = profiles;
        this.plans = plans;
    }

    /** The personalisation fields of a send request, as sent. */
    public record Request(boolean transactional, String templateId, Map<String, Object> variables, String title, String body,
                          Map<String, MessageContent.LocalizedText> localized, Map<String, Object> data, String url,
                          String abTestId, Map<String, Object> event) {
    }

    /**
     * A plan ready to store once the send has an id, and the text, data and link the send's
     * stored content starts from (raw, with {@code {{variables}}}).
     */
    public record Prepared(SendPlan plan, String title, String body, Map<String, Object> data, String url) {
    }

    /**
     * Who a send names at creation, for the variable check: user ids (a list or CSV), or device
     * tokens (checked for the users who own them). An audience names nobody yet: it is resolved
     * when the send starts (perhaps hours later, perhaps millions of users), so only the send's
     * own variables are checked at creation, and a device whose user lacks a tag or property
     * the text needs is suppressed then with reason {@code missing_variable}.
     */
    public record Targets(Collection<String> userIds, Collection<String> deviceTokens) {

        public static final Targets AUDIENCE = new Targets(List.of(), List.of());

        public static Targets users(Collection<String> externalIds) {
            return new Targets(externalIds, List.of());
        }

        public static Targets tokens(Collection<String> tokens) {
            return new Targets(List.of(), tokens);
        }
    }

    public Prepared prepare(UUID orgId, Request r, Targets targets, List<FieldError> errors) {
        Map<String, Object> variables = r.variables() == null ? Map.of() : r.variables();
        Map<String, Object> event = r.event() == null ? Map.of() : r.event();
        boolean ownText = r.title() != null || r.body() != null || (r.localized() != null && !r.localized().isEmpty());
        MessageContent message = new MessageContent(r.title(), r.body(), r.localized(), null, r.data(), r.url());
        UUID templateId = null;
        if (r.templateId() != null) {
            templateId = uuid(r.templateId());
            Optional<Template> template = templateId == null ? Optional.empty() : templates.find(orgId, templateId);
            if (template.isEmpty()) {
                errors.add(new FieldError("templateId", "no template of the org has this id"));
            } else {
                if (ownText) {
                    errors.add(new FieldError("templateId", "give either a templateId or your own title, body and localized text, not both"));
                }
                message = withRequestData(template.get().content(), r.data(), r.url());
            }
        }
        UUID abTestId = null;
        List<SendPlan.Variant> variants = List.of();
        String forcedVariant = null;
        Integer samplePercent = null;
        if (r.abTestId() != null) {
            abTestId = uuid(r.abTestId());
            Optional<AbTest> test = abTestId == null ? Optional.empty() : abTests.find(orgId, abTestId);
            if (test.isEmpty()) {
                errors.add(new FieldError("abTestId", "no A/B test of the org has this id"));
            } else {
                if (ownText || r.templateId() != null) {
                    errors.add(new FieldError("abTestId", "an A/B send takes its text from the test's variants: leave out title, body, localized and templateId"));
                }
                variants = resolve(orgId, test.get(), r.data(), r.url(), errors);
                forcedVariant = test.get().winner();
                if (forcedVariant == null && test.get().autoPromote() != null) {
                    samplePercent = test.get().autoPromote().samplePercent();
                }
                if (!variants.isEmpty()) {
                    message = variants.get(0).message();
                }
            }
        }
        // the request's own text and data: locales and {{placeholder}} syntax (lengths and the link are checked with the push)
        errors.addAll(MessageContentRules.validate("", new MessageContent(r.title(), r.body(), r.localized(), null, r.data(), null), false));
        if (errors.isEmpty()) {
            checkVariables(orgId, message, variants, forcedVariant, abTestId, variables, event, targets, errors);
        }
        SendPlan plan = new SendPlan(null, r.transactional(), MessageContentRules.canonical(message), variables, templateId,
                abTestId, variants, forcedVariant, samplePercent, event);
        return new Prepared(plan, message.title(), message.body(), message.data().isEmpty() ? r.data() : message.data(),
                message.url());
    }

    /** Stores the plan of a created send. */
    public void save(UUID sendId, Prepared prepared) {
        plans.save(prepared.plan().withSendId(sendId));
    }

    private List<SendPlan.Variant> resolve(UUID orgId, AbTest test, Map<String, Object> data, String url, List<FieldError> errors) {
        List<SendPlan.Variant> variants = new ArrayList<>();
        for (AbVariant v : test.variants()) {
            MessageContent content = v.content();
            if (content == null) {
                Optional<Template> template = templates.find(orgId, v.templateId());
                if (template.isEmpty()) {
                    errors.add(new FieldError("abTestId", "variant " + v.key() + " names a template that no longer exists"));
                    continue;
                }
                content = template.get().content();
            }
            variants.add(new SendPlan.Variant(v.key(), v.weight(), withRequestData(content, data, url)));
        }
        return variants;
    }

    /** The request's data and link add to (and override) the template's. */
    private static MessageContent withRequestData(MessageContent content, Map<String, Object> data, String url) {
        Map<String, Object> merged = new LinkedHashMap<>(content.data());
        if (data != null) {
            merged.putAll(data);
        }
        return new MessageContent(content.title(), content.body(), content.localized(), content.actions(), merged,
                url != null ? url : content.url());
    }

    /**
     * Renders each message every way a targeted user could get it (each locale version, their
     * variant) and names the variables without a value, with a few of the users they fail for.
     */
    private void checkVariables(UUID orgId, MessageContent message, List<SendPlan.Variant> variants, String forcedVariant,
                                UUID abTestId, Map<String, Object> variables, Map<String, Object> event, Targets targets,
                                List<FieldError> errors) {
        Map<String, User> users = new LinkedHashMap<>(profiles.byExternalIds(orgId, targets.userIds()));
        users.putAll(profiles.byDeviceTokens(orgId, targets.deviceTokens()));
        Map<String, Set<String>> failing = new LinkedHashMap<>();
        List<User> recipients = users.isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(users.values());
        SendPlan probe = new SendPlan(null, false, message, variables, null, abTestId, variants, forcedVariant, null);
        for (User user : recipients) {
            String label = null;
            MessageContent m = message;
            if (probe.abTest() && user != null) {
                SendPlan.Variant variant = RecipientPlanning.variantOf(probe, user.externalId());
                m = variant.message();
                label = variant.key();
            }
            for (RenderedMessage.MissingVariable missing : missingIn(m, user, variables, event)) {
                if (user == null && !missing.variable().startsWith("vars.") && !missing.variable().startsWith("event.")) {
                    continue;
                }
                String key = (label == null ? "" : "variant " + label + " ") + missing.field() + "\u0000" + missing.variable();
                failing.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(user == null ? "" : user.externalId());
            }
        }
        failing.forEach((key, who) -> {
            String[] parts = key.split("\u0000");
            String field = parts[0].startsWith("variant ") ? "abTestId" : parts[0];
            String variable = parts[1];
            boolean ofEvent = variable.startsWith("event.");
            String target = variable.startsWith("vars.") || ofEvent || (!variable.contains(".") && users.isEmpty())
                    ? "" : " for " + describe(who, users.size());
            String remedy = ofEvent
                    ? "pass it in the send's event (" + eventShape(variable.substring(6)) + ")"
                    : "pass it in variables";
            errors.add(new FieldError(variable.startsWith("vars.") ? "variables." + variable.substring(5) : ofEvent ? variable : field,
                    (parts[0].startsWith("variant ") ? parts[0] + ": " : "") + "{{" + variable + "}} has no value" + target
                            + "; " + remedy + " or give it a fallback: {{" + variable + " | default: \"…\"}}"));
        });
    }

    private static List<RenderedMessage.MissingVariable> missingIn(MessageContent message, User user, Map<String, Object> variables,
                                                                   Map<String, Object> event) {
        TemplateContext context = TemplateContext.of(user, event, variables);
        Set<RenderedMessage.MissingVariable> missing = new LinkedHashSet<>(MessageRendering.render(message, null, context).missing());
        for (String locale : message.localized().keySet()) {
            missing.addAll(MessageRendering.render(message, locale, context).missing());
        }
        return List.copyOf(missing);
    }

    /** {@code cart.total} as the event object that supplies it: {@code {"event": {"cart": {"total": …}}}}. */
    private static String eventShape(String path) {
        String[] keys = path.split("\\.");
        StringBuilder shape = new StringBuilder("{\"event\": ");
        for (String key : keys) {
            shape.append("{\"").append(key).append("\": ");
        }
        return shape.append("…").append("}".repeat(keys.length + 1)).toString();
    }

    private static String describe(Set<String> users, int targeted) {
        List<String> named = users.stream().limit(NAMED_USERS).toList();
        String list = String.join(", ", named) + (users.size() > NAMED_USERS ? " and " + (users.size() - NAMED_USERS) + " more" : "");
        return users.size() == targeted ? "any of the targeted users (" + list + ")" : users.size() + " of " + targeted + " users (" + list + ")";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
