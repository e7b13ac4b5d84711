package dev.herald.domain.automation;

import dev.herald.domain.FieldError;
import dev.herald.domain.event.EventRules;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushContentRules;
import dev.herald.domain.template.TemplateText;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an automation definition from its JSON form and checks it, naming every problem by
 * field path ({@code steps[2].timeout}) and by step ({@code step "remind"}). Pure: the same
 * JSON always gives the same definition, so workflows may parse the version they carry.
 */
public final class DefinitionParser {

    public static final int MAX_STEPS = 100;
    public static final Duration MAX_WAIT = Duration.ofDays(365);
    public static final List<String> STEP_TYPES = List.of("send_push", "delay", "wait_for_event", "branch", "ab_split", "exit");
    static final List<String> USER_FIELDS = List.of("id", "locale", "country", "timezone", "lastPushAt");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,63}");
    private static final Pattern LOCAL_TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Set<String> TOP_FIELDS = Set.of("name", "description", "trigger", "entry", "goal", "steps");
    private static final Set<String> PUSH_FIELDS = Set.of("title", "body", "data", "url", "imageUrl", "sound", "badge", "category",
            "threadId", "collapseId", "ttlSeconds", "pushType", "priority");
    private static final Map<String, Set<String>> STEP_FIELDS = Map.of(
            "send_push", union(PUSH_FIELDS, Set.of(Definition.SendPush.TEMPLATE, Definition.SendPush.VARIABLES, "next")),
            "delay", Set.of("duration", "untilLocalTime", "next"),
            "wait_for_event", Set.of("event", "where", "timeout", "onEvent", "onTimeout"),
            "branch", Set.of("when", "then", "else"),
            "ab_split", Set.of("variants"),
            "exit", Set.of());

    /** The definition, or the reasons there is none. */
    public record Result(Definition definition, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final List<FieldError> errors = new ArrayList<>();
    /** Whether texts must parse as the template engine's {{variable}} syntax: checked when publishing only. */
    private final boolean checkText;

    private DefinitionParser(boolean checkText) {
        this.checkText = checkText;
    }

    /**
     * The definition as runs read it. Rules added since a version was published must not stop a
     * run of it from replaying, so checks that came later (the text syntax) are left to
     * {@link #parseForPublish}.
     */
    public static Result parse(Object json) {
        return parse(json, false);
    }

    /** Everything {@link #parse} checks, and that every text parses as the template engine's syntax. */
    public static Result parseForPublish(Object json) {
        return parse(json, true);
    }

    private static Result parse(Object json, boolean checkText) {
        DefinitionParser parser = new DefinitionParser(checkText);
        Definition definition = parser.definition(json);
        return new Result(parser.errors.isEmpty() ? definition : null, List.copyOf(parser.errors));
    }

    private Definition definition(Object json) {
        if (!(json instanceof Map<?, ?> root)) {
            error("body", "must be a JSON object with name, trigger and steps");
            return null;
        }
        unknownFields(root, TOP_FIELDS, "", "the definition");
        String name = text(root.get("name"), "name", "the definition");
        if (name == null) {
            error("name", "is required: what the automation is called");
        } else if (name.isBlank() || name.length() > 200) {
            error("name", "must be 1 to 200 characters");
        }
        Definition.Trigger trigger = trigger(root.get("trigger"));
        Definition.Entry entry = entry(root.get("entry"));
        Definition.Goal goal = goal(root.get("goal"));
        List<Definition.Step> steps = steps(root.get("steps"));
        return new Definition(name, trigger, entry, goal, steps);
    }

    private Definition.Trigger trigger(Object value) {
        if (value == null) {
            error("trigger", "is required: {\"event\": \"name\", \"where\": {…}} or {\"manual\": true}");
            return null;
        }
        if (!(value instanceof Map<?, ?> t)) {
            error("trigger", "must be an object: {\"event\": \"name\"} or {\"manual\": true}");
            return null;
        }
        unknownFields(t, Set.of("event", "where", "manual"), "trigger.", "the trigger");
        boolean manual = Boolean.TRUE.equals(t.get("manual"));
        if (t.get("manual") != null && !(t.get("manual") instanceof Boolean)) {
            error("trigger.manual", "must be true or false");
        }
        if (manual && (t.get("event") != null || t.get("where") != null)) {
            error("trigger", "is either manual or an event, not both");
            return null;
        }
        if (manual) {
            return new Definition.Trigger(null, Condition.ALWAYS);
        }
        String event = eventName(t.get("event"), "trigger.event");
        return new Definition.Trigger(event, condition(t.get("where"), "trigger.where", "the trigger", false));
    }

    private Definition.Entry entry(Object value) {
        if (value == null) {
            return new Definition.Entry(null);
        }
        if (!(value instanceof Map<?, ?> e)) {
            error("entry", "must be {\"once\": true} or {\"reentryAfter\": \"7d\"}");
            return null;
        }
        unknownFields(e, Set.of("once", "reentryAfter"), "entry.", "entry");
        Object once = e.get("once");
        Object after = e.get("reentryAfter");
        if (once != null && !(once instanceof Boolean)) {
            error("entry.once", "must be true or false");
        }
        if (Boolean.TRUE.equals(once) && after != null) {
            error("entry", "is either once per user or re-entry after a period, not both");
            return null;
        }
        if (after == null) {
            if (Boolean.FALSE.equals(once)) {
                error("entry.reentryAfter", "is required when once is false: how long after a user's last run they may enter again");
            }
            return new Definition.Entry(null);
        }
        return new Definition.Entry(duration(after, "entry.reentryAfter", "entry"));
    }

    private Definition.Goal goal(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> g)) {
            error("goal", "must be an object: {\"event\": \"name\", \"where\": {…}}");
            return null;
        }
        unknownFields(g, Set.of("event", "where"), "goal.", "the goal");
        return new Definition.Goal(eventName(g.get("event"), "goal.event"), condition(g.get("where"), "goal.where", "the goal", false));
    }

    private List<Definition.Step> steps(Object value) {
        if (!(value instanceof List<?> raw) || raw.isEmpty()) {
            error("steps", "is required: a non-empty array of steps");
            return List.of();
        }
        if (raw.size() > MAX_STEPS) {
            error("steps", "at most " + MAX_STEPS + " steps");
            return List.of();
        }
        // ids first, so steps may point forward
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String id = "step-" + (i + 1);
            if (raw.get(i) instanceof Map<?, ?> m && m.get("id") != null) {
                Object given = m.get("id");
                if (!(given instanceof String s) || !STEP_ID.matcher(s).matches() || s.equals(Definition.END)) {
                    error("steps[" + i + "].id", "step " + (i + 1) + ": an id is 1 to 64 letters, digits or _ . : - (and not \"end\")");
                } else if (!seen.add(s)) {
                    error("steps[" + i + "].id", "step \"" + s + "\": another step has the same id");
                } else {
                    id = s;
                }
            }
            ids.add(id);
        }
        List<Definition.Step> steps = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String following = i + 1 < raw.size() ? ids.get(i + 1) : Definition.END;
            Definition.Step step = step(raw.get(i), i, ids.get(i), following, Set.copyOf(ids));
            if (step != null) {
                steps.add(step);
            }
        }
        if (steps.size() == raw.size() && errors.isEmpty()) {
            checkGraph(steps);
        }
        return steps;
    }

    private Definition.Step step(Object value, int index, String id, String following, Set<String> ids) {
        String at = "steps[" + index + "]";
        String label = "step \"" + id + "\"";
        if (!(value instanceof Map<?, ?> s)) {
            error(at, label + ": must be an object with a type");
            return null;
        }
        Object type = s.get("type");
        if (type == null) {
            error(at + ".type", label + ": type is required, one of " + String.join(", ", STEP_TYPES));
            return null;
        }
        if (!(type instanceof String t) || !STEP_TYPES.contains(t)) {
            error(at + ".type", label + ": unknown step type '" + type + "'; use one of " + String.join(", ", STEP_TYPES));
            return null;
        }
        Set<String> allowed = union(STEP_FIELDS.get(t), Set.of("id", "type"));
        unknownFields(s, allowed, at + ".", label);
        return switch (t) {
            case "send_push" -> new Definition.SendPush(id, push(s, at, label), target(s.get("next"), following, ids, at + ".next", label));
            case "delay" -> delay(s, id, at, label, following, ids);
            case "wait_for_event" -> new Definition.WaitForEvent(id, eventName(s.get("event"), at + ".event", label),
                    condition(s.get("where"), at + ".where", label, false),
                    requiredDuration(s.get("timeout"), at + ".timeout", label, "how long to wait, e.g. 1h"),
                    target(s.get("onEvent"), following, ids, at + ".onEvent", label),
                    target(s.get("onTimeout"), following, ids, at + ".onTimeout", label));
            case "branch" -> branch(s, id, at, label, ids);
            case "ab_split" -> abSplit(s, id, at, label, ids);
            default -> new Definition.Exit(id);
        };
    }

    private Map<String, Object> push(Map<?, ?> s, String at, String label) {
        Map<String, Object> content = new LinkedHashMap<>();
        s.forEach((k, v) -> {
            if (PUSH_FIELDS.contains(k) && v != null) {
                content.put((String) k, v);
            }
        });
        PushContent probe = PushContentMapper.toContent(content, at + ".", label, errors);
        String template = template(s.get(Definition.SendPush.TEMPLATE), content, at, label);
        if (probe != null) {
            // with a template, the title and body come from it
            PushContent checked = template == null ? probe : probe.withMessage("(template)", probe.body(), probe.data(), probe.url());
            PushContentRules.validate(checked).forEach(e -> error(at + "." + e.field(), label + ": " + e.message()));
            for (String field : List.of("title", "body", "url")) {
                placeholders(content.get(field), at + "." + field, label);
            }
            placeholders(content.get("data"), at + ".data", label);
        }
        if (template != null) {
            content.put(Definition.SendPush.TEMPLATE, template);
        }
        Map<String, Object> variables = variables(s.get(Definition.SendPush.VARIABLES), at + "." + Definition.SendPush.VARIABLES, label);
        if (variables != null) {
            content.put(Definition.SendPush.VARIABLES, variables);
        }
        return content;
    }

    private String template(Object value, Map<String, Object> content, String at, String label) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String ref) || ref.isBlank() || ref.length() > 200) {
            error(at + ".template", label + ": template must be the id or name of one of your templates");
            return null;
        }
        if (content.containsKey("title") || content.containsKey("body")) {
            error(at + ".template", label + ": give either a template or your own title and body, not both");
        }
        return ref;
    }

    /** Step variables: names to text (which may itself use {@code {{event.x}}} or {@code {{tags.x}}}), numbers or booleans. */
    private Map<String, Object> variables(Object value, String at, String label) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> vars)) {
            error(at, label + ": variables must be an object of names to values");
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!VARIABLE_NAME.matcher(name).matches()) {
                error(at + "." + name, label + ": '" + name + "' is not a variable name (letters, digits and _)");
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                error(at + "." + name, label + ": a variable is text, a number or true/false");
            } else {
                placeholders(v, at + "." + name, label);
                out.put(name, v);
            }
        });
        return out;
    }

    /** Text (and text inside data) must parse as the template engine's {@code {{variable}}} syntax. */
    private void placeholders(Object value, String at, String label) {
        if (!checkText) {
            return;
        }
        if (value instanceof String text) {
            TemplateText.errors(text).forEach(e -> error(at, label + ": " + e));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> placeholders(v, at + "." + k, label));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                placeholders(list.get(i), at + "[" + i + "]", label);
            }
        }
    }

    private Definition.Step delay(Map<?, ?> s, String id, String at, String label, String following, Set<String> ids) {
        Duration duration = s.get("duration") == null ? null : duration(s.get("duration"), at + ".duration", label);
        LocalTime until = null;
        Object time = s.get("untilLocalTime");
        if (time != null) {
            if (!(time instanceof String text) || !LOCAL_TIME.matcher(text).matches()) {
                error(at + ".untilLocalTime", label + ": '" + time + "' is not a time of day; write HH:mm, e.g. 09:00");
            } else {
                until = LocalTime.parse(text);
            }
        }
        if (s.get("duration") == null && time == null) {
            error(at + ".duration", label + ": a delay needs a duration (e.g. 1d) or an untilLocalTime (e.g. 09:00), or both");
        }
        return new Definition.Delay(id, duration, until, target(s.get("next"), following, ids, at + ".next", label));
    }

    private Definition.Step branch(Map<?, ?> s, String id, String at, String label, Set<String> ids) {
        Condition when = null;
        if (s.get("when") == null) {
            error(at + ".when", label + ": a branch needs a condition in when, e.g. {\"user.tags.plan\": \"pro\"}");
        } else {
            when = condition(s.get("when"), at + ".when", label, true);
        }
        String then = requiredTarget(s.get("then"), ids, at + ".then", label);
        String otherwise = requiredTarget(s.get("else"), ids, at + ".else", label);
        return new Definition.Branch(id, when, then, otherwise);
    }

    private Definition.Step abSplit(Map<?, ?> s, String id, String at, String label, Set<String> ids) {
        if (!(s.get("variants") instanceof List<?> raw) || raw.size() < 2) {
            error(at + ".variants", label + ": an A/B split needs at least two variants, each {\"name\", \"weight\", \"next\"}");
            return new Definition.AbSplit(id, List.of());
        }
        List<Definition.Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int total = 0;
        for (int i = 0; i < raw.size(); i++) {
            String vat = at + ".variants[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> v)) {
                error(vat, label + ": a variant is an object {\"name\", \"weight\", \"next\"}");
                continue;
            }
            unknownFields(v, Set.of("name", "weight", "next"), vat + ".", label);
            String name = v.get("name") instanceof String n && !n.isBlank() ? n : null;
            if (name == null) {
                error(vat + ".name", label + ": each variant needs a name");
            } else if (!names.add(name)) {
                error(vat + ".name", label + ": two variants are called '" + name + "'");
            }
            int weight = 0;
            if (!(v.get("weight") instanceof Number w) || w.doubleValue() != Math.rint(w.doubleValue()) || w.intValue() < 0 || w.intValue() > 100) {
                error(vat + ".weight", label + ": a weight is a whole number from 0 to 100");
            } else {
                weight = w.intValue();
            }
            total += weight;
            variants.add(new Definition.Variant(name, weight, requiredTarget(v.get("next"), ids, vat + ".next", label)));
        }
        if (variants.size() == raw.size() && total != 100) {
            error(at + ".variants", label + ": the weights add up to " + total + ", not 100");
        }
        return new Definition.AbSplit(id, variants);
    }

    private Condition condition(Object value, String at, String label, boolean onUserOrEvent) {
        if (value == null) {
            return Condition.ALWAYS;
        }
        if (!(value instanceof Map<?, ?> m)) {
            error(at, label + ": a condition is an object of property → value, e.g. {\"items\": {\"gte\": 1}}");
            return Condition.ALWAYS;
        }
        List<Condition.Test> tests = new ArrayList<>();
        m.forEach((k, v) -> {
            String path = String.valueOf(k);
            String field = at + "." + path;
            if (onUserOrEvent && !validFactPath(path)) {
                error(field, label + ": conditions here test user.<field> (" + String.join(", ", USER_FIELDS)
                        + ", tags.<name>) or event.<property> of the trigger event");
                return;
            }
            if (v instanceof Map<?, ?> ops) {
                if (ops.isEmpty()) {
                    error(field, label + ": an empty test; use e.g. {\"gte\": 1}");
                }
                ops.forEach((op, expected) -> Condition.Operator.of(String.valueOf(op)).ifPresentOrElse(
                        o -> test(tests, path, o, expected, field + "." + op, label),
                        () -> error(field + "." + op, label + ": unknown test '" + op + "'; use one of " + Condition.Operator.names())));
            } else if (v instanceof Collection<?> options) {
                tests.add(new Condition.Test(path, Condition.Operator.IN, List.copyOf(options)));
            } else {
                tests.add(new Condition.Test(path, Condition.Operator.EQ, v));
            }
        });
        return new Condition(List.copyOf(tests));
    }

    private void test(List<Condition.Test> tests, String path, Condition.Operator op, Object expected, String field, String label) {
        switch (op) {
            case WITHIN, OLDER_THAN -> {
                if (Durations.parse(expected).isEmpty()) {
                    error(field, label + ": '" + expected + "' is " + (Durations.tooLong(expected) ? "too long" : "not a duration")
                            + "; " + Durations.HINT);
                    return;
                }
            }
            case EXISTS -> {
                if (!(expected instanceof Boolean)) {
                    error(field, label + ": exists takes true or false");
                    return;
                }
            }
            case IN -> {
                if (!(expected instanceof Collection<?>)) {
                    error(field, label + ": in takes an array of values");
                    return;
                }
            }
            case GT, GTE, LT, LTE -> {
                if (Conditions.number(expected) == null) {
                    error(field, label + ": " + op.wire() + " takes a number");
                    return;
                }
            }
            default -> {
            }
        }
        tests.add(new Condition.Test(path, op, expected instanceof Collection<?> c ? List.copyOf(c) : expected));
    }

    private static boolean validFactPath(String path) {
        if (path.startsWith("event.") && path.length() > "event.".length()) {
            return true;
        }
        if (path.startsWith("user.tags.") && path.length() > "user.tags.".length()) {
            return true;
        }
        return path.startsWith("user.") && USER_FIELDS.contains(path.substring("user.".length()));
    }

    /** Where an arrow leads: a given step id or {@code end}, else the following step. */
    private String target(Object value, String following, Set<String> ids, String at, String label) {
        return value == null ? following : requiredTarget(value, ids, at, label);
    }

    private String requiredTarget(Object value, Set<String> ids, String at, String label) {
        String field = at.substring(at.lastIndexOf('.') + 1);
        if (value == null) {
            error(at, label + ": missing branch: " + field + " must name the step to go to (or \"end\")");
            return null;
        }
        if (!(value instanceof String id) || !(ids.contains(id) || Definition.END.equals(id))) {
            error(at, label + ": " + field + " goes to '" + value + "', but there is no step with that id (or use \"end\")");
            return null;
        }
        return id;
    }

    private String eventName(Object value, String at, String... label) {
        List<FieldError> found = new ArrayList<>();
        EventRules.checkName(at, value instanceof String s ? s : null, found);
        String prefix = label.length == 0 ? "" : label[0] + ": ";
        found.forEach(e -> error(e.field(), prefix + (value != null && !(value instanceof String) ? "must be a string" : e.message())));
        return found.isEmpty() ? (String) value : null;
    }

    private Duration requiredDuration(Object value, String at, String label, String what) {
        if (value == null) {
            error(at, label + ": is required: " + what);
            return null;
        }
        return duration(value, at, label);
    }

    private Duration duration(Object value, String at, String label) {
        var parsed = Durations.parse(value);
        if (parsed.isEmpty() && Durations.tooLong(value)) {
            error(at, label + ": '" + value + "' must be more than zero and at most 365 days");
            return null;
        }
        if (parsed.isEmpty()) {
            error(at, label + ": '" + value + "' is not a duration; " + Durations.HINT);
            return null;
        }
        if (parsed.get().isZero() || parsed.get().isNegative() || parsed.get().compareTo(MAX_WAIT) > 0) {
            error(at, label + ": '" + value + "' must be more than zero and at most 365 days");
            return null;
        }
        return parsed.get();
    }

    /** Rejects steps that loop back (runs must end) and steps no path reaches (a sign of a wrong arrow). */
    private void checkGraph(List<Definition.Step> steps) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            index.put(steps.get(i).id(), i);
        }
        Map<String, Integer> state = new HashMap<>();  // 1 visiting, 2 done
        List<String> path = new ArrayList<>();
        if (!visit(steps.get(0), steps, index, state, path)) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!state.containsKey(steps.get(i).id())) {
                error("steps[" + i + "]", "step \"" + steps.get(i).id() + "\": no step leads here, so it never runs");
            }
        }
    }

    private boolean visit(Definition.Step step, List<Definition.Step> steps, Map<String, Integer> index,
                          Map<String, Integer> state, List<String> path) {
        state.put(step.id(), 1);
        path.add(step.id());
        for (Map.Entry<String, String> edge : edges(step).entrySet()) {
            String target = edge.getValue();
            if (Definition.END.equals(target)) {
                continue;
            }
            Integer seen = state.get(target);
            if (Integer.valueOf(1).equals(seen)) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(target), path.size()));
                loop.add(target);
                error("steps[" + index.get(step.id()) + "]." + edge.getKey(), "step \"" + step.id() + "\": cycle "
                        + String.join(" → ", loop) + "; a run must always move towards its end");
                return false;
            }
            if (seen == null && !visit(steps.get(index.get(target)), steps, index, state, path)) {
                return false;
            }
        }
        path.remove(path.size() - 1);
        state.put(step.id(), 2);
        return true;
    }

    /** Outgoing arrows of a step, by the field that names them. */
    static Map<String, String> edges(Definition.Step step) {
        Map<String, String> edges = new LinkedHashMap<>();
        if (step instanceof Definition.SendPush s) {
            edges.put("next", s.next());
        } else if (step instanceof Definition.Delay d) {
            edges.put("next", d.next());
        } else if (step instanceof Definition.WaitForEvent w) {
            edges.put("onEvent", w.onEvent());
            edges.put("onTimeout", w.onTimeout());
        } else if (step instanceof Definition.Branch b) {
            edges.put("then", b.then());
            edges.put("else", b.otherwise());
        } else if (step instanceof Definition.AbSplit a) {
            for (int i = 0; i < a.variants().size(); i++) {
                edges.put("variants[" + i + "].next", a.variants().get(i).next());
            }
        }
        return edges;
    }

    private void unknownFields(Map<?, ?> object, Set<String> allowed, String prefix, String label) {
        for (Object key : object.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                error(prefix + key, label + ": unknown field '" + key + "'; known fields are "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private String text(Object value, String at, String label) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            error(at, label + ": must be a string");
            return null;
        }
        return s;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
