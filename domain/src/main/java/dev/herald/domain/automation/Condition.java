package dev.herald.domain.automation;

import java.util.List;

/**
 * A set of tests that must all hold, e.g. {@code {"items": {"gte": 1}, "store": "berlin"}}:
 * each names a path into the facts ({@code items}, {@code user.tags.plan}) and what it must be.
 * An empty condition always holds.
 */
public record Condition(List<Test> tests) {

    public static final Condition ALWAYS = new Condition(List.of());

    /** One test: {@code path op value}. */
    public record Test(String path, Operator op, Object value) {
    }

    public enum Operator {
        EQ("eq"), NE("ne"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), IN("in"), EXISTS("exists"),
        CONTAINS("contains"), WITHIN("within"), OLDER_THAN("olderThan");

        private final String wire;

        Operator(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static java.util.Optional<Operator> of(String wire) {
            for (Operator o : values()) {
                if (o.wire.equals(wire)) {
                    return java.util.Optional.of(o);
                }
            }
            return java.util.Optional.empty();
        }

        public static String names() {
            return String.join(", ", java.util.Arrays.stream(values()).map(Operator::wire).toList());
        }
    }

    public boolean isEmpty() {
        return tests.isEmpty();
    }
}
