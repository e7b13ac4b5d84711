package dev.herald.domain.automation;

import dev.herald.domain.FieldError;
import dev.herald.domain.send.PushAction;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushContentRules;
import dev.herald.domain.template.LocaleFallback;
import dev.herald.domain.template.MessageContent;
import dev.herald.domain.template.MessageRendering;
import dev.herald.domain.template.RenderedMessage;
import dev.herald.domain.template.TemplateContext;
import dev.herald.domain.template.TemplateText;
import dev.herald.domain.user.User;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The push a {@code send_push} step makes for its run's user, rendered by
 * {@link MessageRendering}, the same engine as sends: a template's text (or the step's inline
 * text) for the user's locale, every {@code {{variable}}} filled from the step's variables, the
 * trigger event ({@code event.*}) and the user ({@code tags.*}, {@code user.*}). The step's
 * variables may themselves use the event's and the user's values.
 */
public final class StepMessages {

    private StepMessages() {
    }

    /** The push to send, or (push null) why there is none: variables without a value, or a push the send path refuses. */
    public record Rendered(@Nullable PushContent push, List<String> problems) {
    }

    /**
     * @param content  the step's fields as published ({@link Definition.SendPush#content()})
     * @param template the content of the template the step names; null for inline text
     * @param event    the trigger event's properties, or the payload of a run started over REST
     */
    public static Rendered render(Map<String, Object> content, @Nullable MessageContent template, User user, Map<String, Object> event) {
        try {
            return renderParsed(content, template, user, event);
        } catch (IllegalArgumentException unparsable) {
            // a version published before its text syntax was checked: its runs cannot render it
            return new Rendered(null, List.of("a text does not parse: " + unparsable.getMessage()));
        }
    }

    private static Rendered renderParsed(Map<String, Object> content, @Nullable MessageContent template, User user,
                                         Map<String, Object> event) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> variables = variables(content.get(Definition.SendPush.VARIABLES), TemplateContext.of(user, event, Map.of()), problems);
        Map<String, Object> fields = new LinkedHashMap<>(content);
        fields.remove(Definition.SendPush.TEMPLATE);
        fields.remove(Definition.SendPush.VARIABLES);
        List<FieldError> errors = new ArrayList<>();
        PushContent base = PushContentMapper.toContent(fields, "", "the step", errors);
        if (base == null) {
            errors.forEach(e -> problems.add(e.message()));
            return new Rendered(null, problems);
        }
        MessageContent message = template == null
                ? new MessageContent(base.title(), base.body(), null, null, base.data(), base.url())
                : withStepData(template, base.data(), base.url());
        RenderedMessage rendered = MessageRendering.render(message, LocaleFallback.recipientLocale(null, user.locale()),
                TemplateContext.of(user, event, variables));
        rendered.missing().forEach(m -> problems.add(m.field() + ": {{" + m.variable() + "}} has no value; give it a default: {{"
                + m.variable() + " | default: \"…\"}}"));
        PushContent.Builder push = base.withMessage(rendered.title(), rendered.body(), rendered.data(), rendered.url()).toBuilder();
        if (!rendered.actions().isEmpty()) {
            push.actions(rendered.actions().stream().map(a -> new PushAction(a.id(), a.title(), a.url())).toList());
        }
        PushContent made = push.build();
        PushContentRules.validate(made).forEach(e -> problems.add(e.field() + ": " + e.message()));
        return new Rendered(problems.isEmpty() ? made : null, List.copyOf(problems));
    }

    private static Map<String, Object> variables(Object declared, TemplateContext facts, List<String> problems) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (declared instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (value instanceof String text) {
                    TemplateText.Rendered filled = TemplateText.parse(text).render(facts);
                    filled.missing().forEach(v -> problems.add("variables." + name + ": {{" + v + "}} has no value"));
                    variables.put(String.valueOf(name), filled.text());
                } else {
                    variables.put(String.valueOf(name), value);
                }
            });
        }
        return variables;
    }

    /** The step's own data and link add to (and override) the template's, as a send's do. */
    private static MessageContent withStepData(MessageContent template, Map<String, Object> data, String url) {
        Map<String, Object> merged = new LinkedHashMap<>(template.data());
        if (data != null) {
            merged.putAll(data);
        }
        return new MessageContent(template.title(), template.body(), template.localized(), template.actions(), merged,
                url != null ? url : template.url());
    }
}
