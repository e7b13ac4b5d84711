package dev.herald.domain.automation;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed, valid automation definition: what starts a run, who may enter, the goal that ends
 * it early, and its steps. Every step names where it goes next (a step id or {@link #END}),
 * defaults already filled in, so the interpreter only follows arrows.
 */
public record Definition(String name, Trigger trigger, Entry entry, @Nullable Goal goal, List<Step> steps) {

    /** The target that ends a run. */
    public static final String END = "end";

    /** An event (and a filter on its properties) that starts a run, or none: runs start over REST only. */
    public record Trigger(@Nullable String event, Condition where) {
        public boolean manual() {
            return event == null;
        }
    }

    /** Once per user ({@code reentryAfter} null), or again once the user's last run started that long ago. */
    public record Entry(@Nullable Duration reentryAfter) {
        public boolean once() {
            return reentryAfter == null;
        }
    }

    /** An event that means the run achieved its purpose: the run ends as soon as it arrives. */
    public record Goal(String event, Condition where) {
    }

    public sealed interface Step permits SendPush, Delay, WaitForEvent, Branch, AbSplit, Exit {
        String id();

        String type();
    }

    /**
     * Sends one push to the run's user: a template (by id or name) with {@code variables}, or
     * inline text; either way rendered by the template engine for the user's locale, with
     * {@code {{tags.name}}}, {@code {{event.store}}} or {@code {{vars.x}}} filled.
     *
     * @param content the step's push fields as published, {@code template} and {@code variables} included
     */
    public record SendPush(String id, Map<String, Object> content, String next) implements Step {
        public static final String TEMPLATE = "template";
        public static final String VARIABLES = "variables";

        public String type() {
            return "send_push";
        }

        /** The template the push takes its text from; null: inline text. */
        public @Nullable String template() {
            return content.get(TEMPLATE) instanceof String t ? t : null;
        }
    }

    /** Waits {@code duration}, then (if set) until the next {@code untilLocalTime} in the user's time zone. */
    public record Delay(String id, @Nullable Duration duration, @Nullable LocalTime untilLocalTime, String next) implements Step {
        public String type() {
            return "delay";
        }
    }

    /** Waits up to {@code timeout} for the user's event; goes to {@code onEvent} or {@code onTimeout}. */
    public record WaitForEvent(String id, String event, Condition where, Duration timeout, String onEvent, String onTimeout)
            implements Step {
        public String type() {
            return "wait_for_event";
        }
    }

    /** Goes to {@code then} when the condition (on {@code user.*} and {@code event.*}) holds, else to {@code otherwise}. */
    public record Branch(String id, Condition when, String then, String otherwise) implements Step {
        public String type() {
            return "branch";
        }
    }

    /** Splits users into sticky variants by weight. */
    public record AbSplit(String id, List<Variant> variants) implements Step {
        public String type() {
            return "ab_split";
        }
    }

    public record Variant(String name, int weight, String next) {
    }

    /** Ends the run here. */
    public record Exit(String id) implements Step {
        public String type() {
            return "exit";
        }
    }

    public Step first() {
        return steps.get(0);
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The event names a running instance must hear about: its goal and the events its steps wait for. */
    public Set<String> listensTo() {
        Set<String> names = new LinkedHashSet<>();
        if (goal != null) {
            names.add(goal.event());
        }
        steps.stream().filter(WaitForEvent.class::isInstance).map(s -> ((WaitForEvent) s).event()).forEach(names::add);
        return names;
    }
}
