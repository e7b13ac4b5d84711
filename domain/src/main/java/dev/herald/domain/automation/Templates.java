package dev.herald.domain.automation;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{user.tags.first_name}}} or {@code {{event.store | our store}}} in push text
 * from the run's facts; a missing value takes the fallback after {@code |}, else nothing.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.:\\-]+)\\s*(?:\\|\\s*([^}]*?)\\s*)?}}");

    private Templates() {
    }

    public static String render(String text, Map<String, ?> facts) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = Conditions.resolve(facts, m.group(1));
            String replacement = value != null ? value.toString() : m.group(2) == null ? "" : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
