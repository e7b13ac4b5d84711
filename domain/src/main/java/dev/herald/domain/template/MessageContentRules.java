package dev.herald.domain.template;

import dev.herald.domain.FieldError;
import dev.herald.domain.user.UserProfileRules;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks of a message's words: lengths, locales, action buttons, links and placeholder syntax. */
public final class MessageContentRules {

    public static final int MAX_TITLE = 512;
    public static final int MAX_BODY = 4000;
    public static final int MAX_LOCALES = 100;

    private MessageContentRules() {
    }

    /**
     * @param prefix the field path of the content in the request ("" at the top, else e.g. {@code variants[1].})
     * @param needsText whether the message must say something (a title or body in the default text)
     */
    public static List<FieldError> validate(String prefix, MessageContent content, boolean needsText) {
        List<FieldError> errors = new ArrayList<>();
        if (needsText && blank(content.title()) && blank(content.body())) {
            errors.add(new FieldError(prefix + "body", "needs a title or a body"));
        }
        text(prefix + "title", content.title(), MAX_TITLE, errors);
        text(prefix + "body", content.body(), MAX_BODY, errors);
        if (content.localized().size() > MAX_LOCALES) {
            errors.add(new FieldError(prefix + "localized", "at most " + MAX_LOCALES + " locales"));
        }
        content.localized().forEach((locale, localized) -> {
            String field = prefix + "localized." + locale;
            List<FieldError> localeErrors = new ArrayList<>();
            UserProfileRules.checkLocale(field, locale == null ? null : locale.replace('_', '-'), localeErrors);
            errors.addAll(localeErrors);
            if (localized == null || (blank(localized.title()) && blank(localized.body()))) {
                errors.add(new FieldError(field, "needs a title or a body"));
            } else {
                text(field + ".title", localized.title(), MAX_TITLE, errors);
                text(field + ".body", localized.body(), MAX_BODY, errors);
            }
        });
        actions(prefix, content.actions(), errors);
        strings(prefix + "data", content.data(), errors);
        link(prefix + "url", content.url(), errors);
        return errors;
    }

    /** Locale keys as canonical BCP 47 tags ({@code es_mx} → {@code es-MX}), so lookups match however they were written. */
    public static MessageContent canonical(MessageContent content) {
        Map<String, MessageContent.LocalizedText> localized = new java.util.LinkedHashMap<>();
        content.localized().forEach((k, v) -> localized.put(canonicalTag(k), v));
        return new MessageContent(content.title(), content.body(), localized, content.actions(), content.data(), content.url());
    }

    private static String canonicalTag(String tag) {
        try {
            return new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build().toLanguageTag();
        } catch (java.util.IllformedLocaleException e) {
            return tag;
        }
    }

    private static void actions(String prefix, List<MessageContent.Action> actions, List<FieldError> errors) {
        if (actions.size() > MessageContent.MAX_ACTIONS) {
            errors.add(new FieldError(prefix + "actions", "at most " + MessageContent.MAX_ACTIONS + " action buttons"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            MessageContent.Action action = actions.get(i);
            String field = prefix + "actions[" + i + "]";
            if (action == null) {
                errors.add(new FieldError(field, "must be an object with id and title"));
                continue;
            }
            if (blank(action.id()) || action.id().length() > 64) {
                errors.add(new FieldError(field + ".id", "must be 1 to 64 characters"));
            } else if (!ids.add(action.id())) {
                errors.add(new FieldError(field + ".id", "is used by another action"));
            }
            if (blank(action.title())) {
                errors.add(new FieldError(field + ".title", "must not be blank"));
            }
            text(field + ".title", action.title(), 128, errors);
            link(field + ".url", action.url(), errors);
        }
    }

    private static void strings(String field, Object value, List<FieldError> errors) {
        if (value instanceof String s) {
            syntax(field, s, errors);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings(field + "." + k, v, errors));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                strings(field + "[" + i + "]", list.get(i), errors);
            }
        }
    }

    private static void link(String field, String url, List<FieldError> errors) {
        if (url == null) {
            return;
        }
        syntax(field, url, errors);
        // the scheme must be there before any variable is filled in
        String head = url.contains("{{") ? url.substring(0, url.indexOf("{{")) : url;
        if (!head.matches("[A-Za-z][A-Za-z0-9+.\\-]*:.*")) {
            errors.add(new FieldError(field, "must be an absolute URL or deep link (scheme://…)"));
        } else if (!url.contains("{{")) {
            try {
                URI.create(url);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, "must be an absolute URL or deep link (scheme://…)"));
            }
        }
    }

    private static void text(String field, String text, int max, List<FieldError> errors) {
        if (text == null) {
            return;
        }
        if (text.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        syntax(field, text, errors);
    }

    private static void syntax(String field, String text, List<FieldError> errors) {
        TemplateText.errors(text).forEach(e -> errors.add(new FieldError(field, e)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
