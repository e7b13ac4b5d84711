package dev.herald.domain.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Renders a message for one recipient: picks the localized title and body for the recipient's
 * locale (exact → language → default, each text on its own), then fills every {@code {{variable}}} from the context. This is
 * the one entry point for "render this content for this user with these variables", used by
 * sends and by automation steps alike.
 */
public final class MessageRendering {

    private MessageRendering() {
    }

    public static RenderedMessage render(MessageContent content, String recipientLocale, TemplateContext context) {
        // each text falls back on its own: an es-MX body with only an es title shows both
        String titleLocale = pick(content, recipientLocale, MessageContent.LocalizedText::title);
        String bodyLocale = pick(content, recipientLocale, MessageContent.LocalizedText::body);
        String titleField = titleLocale == null ? "title" : "localized." + titleLocale + ".title";
        String bodyField = bodyLocale == null ? "body" : "localized." + bodyLocale + ".body";
        String title = titleLocale == null ? content.title() : content.localized().get(titleLocale).title();
        String body = bodyLocale == null ? content.body() : content.localized().get(bodyLocale).body();
        String locale = bodyLocale != null ? bodyLocale : titleLocale;

        List<RenderedMessage.MissingVariable> missing = new ArrayList<>();
        Renderer r = new Renderer(context, missing);
        List<MessageContent.Action> actions = new ArrayList<>();
        for (int i = 0; i < content.actions().size(); i++) {
            MessageContent.Action a = content.actions().get(i);
            actions.add(new MessageContent.Action(a.id(), r.text("actions[" + i + "].title", a.title()),
                    r.text("actions[" + i + "].url", a.url())));
        }
        return new RenderedMessage(r.text(titleField, title), r.text(bodyField, body), locale, List.copyOf(actions),
                r.map("data", content.data()), r.text("url", content.url()), List.copyOf(missing));
    }

    private static String pick(MessageContent content, String recipientLocale,
                               Function<MessageContent.LocalizedText, String> text) {
        List<String> having = content.localized().entrySet().stream()
                .filter(e -> e.getValue() != null && text.apply(e.getValue()) != null).map(Map.Entry::getKey).toList();
        return LocaleFallback.pick(having, recipientLocale).orElse(null);
    }

    /** Every variable the content's texts name, sorted: what a sender has to provide. */
    public static List<String> variablesOf(MessageContent content) {
        TreeSet<String> names = new TreeSet<>();
        Stream.<Object>concat(Stream.of(content.title(), content.body(), content.url(), content.data()),
                        Stream.concat(content.localized().values().stream().flatMap(t -> Stream.of(t.title(), t.body())),
                                content.actions().stream().flatMap(a -> Stream.of(a.title(), a.url()))))
                .forEach(value -> collect(value, names));
        return List.copyOf(names);
    }

    private static void collect(Object value, TreeSet<String> names) {
        if (value instanceof String s && s.contains("{{") && TemplateText.errors(s).isEmpty()) {
            TemplateText.parse(s).variables().forEach(v -> names.add(v.path()));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, names));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, names));
        }
    }

    private record Renderer(TemplateContext context, List<RenderedMessage.MissingVariable> missing) {

        String text(String field, String text) {
            if (text == null || !text.contains("{{")) {
                return text;
            }
            TemplateText.Rendered rendered = TemplateText.parse(text).render(context);
            rendered.missing().forEach(v -> missing.add(new RenderedMessage.MissingVariable(field, v)));
            return rendered.text();
        }

        Map<String, Object> map(String field, Map<String, ?> values) {
            Map<String, Object> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, value(field + "." + k, v)));
            return out;
        }

        Object value(String field, Object value) {
            if (value instanceof String s) {
                return text(field, s);
            }
            if (value instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) m;
                return map(field, nested);
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(value(field + "[" + i + "]", list.get(i)));
                }
                return out;
            }
            return value;
        }
    }
}
