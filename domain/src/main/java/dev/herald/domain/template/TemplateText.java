package dev.herald.domain.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text with {@code {{variable}}} placeholders, parsed once. A placeholder names a value
 * ({@code {{first_name}}}, {@code {{tags.plan}}}, {@code {{event.cart.total}}}) and may carry a
 * fallback ({@code {{first_name | default: "there"}}}). Nothing else is syntax: push text needs
 * no HTML escaping, sections or partials, and every placeholder can be checked before a send.
 */
public final class TemplateText {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_\\-]+)*)\\s*(?:\\|\\s*default\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)'))?");

    /** A placeholder: the variable's path and the text used when it has no value (null: none). */
    public record Variable(String path, String fallback) {
    }

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(Variable variable) implements Part {
    }

    /** The result of rendering: the text, and the variables that had neither a value nor a fallback. */
    public record Rendered(String text, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private final List<Part> parts;

    private TemplateText(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses {@code text}; {@link #errors} tells what is wrong with one that does not parse. */
    public static TemplateText parse(String text) {
        List<String> errors = new ArrayList<>();
        TemplateText parsed = parse(text, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.get(0));
        }
        return parsed;
    }

    /** What is wrong with a text's placeholders; empty when it parses. */
    public static List<String> errors(String text) {
        List<String> errors = new ArrayList<>();
        parse(text, errors);
        return errors;
    }

    private static TemplateText parse(String text, List<String> errors) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                errors.add("the {{ at position " + open + " is never closed with }}");
                break;
            }
            String inner = text.substring(open + 2, close).trim();
            Matcher m = PLACEHOLDER.matcher(inner);
            if (m.matches()) {
                String fallback = m.group(2) != null ? m.group(2) : m.group(3);
                parts.add(new Placeholder(new Variable(m.group(1), fallback)));
            } else {
                errors.add("{{" + inner + "}} is not a variable: write {{name}} or {{name | default: \"text\"}}");
            }
            at = close + 2;
        }
        return new TemplateText(List.copyOf(parts));
    }

    public List<Variable> variables() {
        return parts.stream().filter(Placeholder.class::isInstance).map(p -> ((Placeholder) p).variable()).toList();
    }

    public boolean hasVariables() {
        return parts.stream().anyMatch(Placeholder.class::isInstance);
    }

    public Rendered render(TemplateContext context) {
        StringBuilder out = new StringBuilder();
        List<String> missing = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                Variable v = placeholder.variable();
                var value = context.lookup(v.path());
                if (value.isPresent()) {
                    out.append(value.get());
                } else if (v.fallback() != null) {
                    out.append(v.fallback());
                } else if (!missing.contains(v.path())) {
                    missing.add(v.path());
                }
            }
        }
        return new Rendered(out.toString(), List.copyOf(missing));
    }
}
