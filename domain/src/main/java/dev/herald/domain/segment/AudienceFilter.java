package dev.herald.domain.segment;

import java.util.List;

/**
 * Who an audience is: conditions on a device and its user, combined with AND ({@link All})
 * and OR ({@link Any}). Evaluated in PostgreSQL at send time by {@link AudienceSql}.
 */
public sealed interface AudienceFilter {

    /** Every part must hold; no parts matches everyone. */
    record All(List<AudienceFilter> parts) implements AudienceFilter {
    }

    /** At least one part must hold. */
    record Any(List<AudienceFilter> parts) implements AudienceFilter {
    }

    /**
     * One test: {@code field} (with {@code key} for tags), an operator and its values
     * (one for most operators, several for {@code in}, none for {@code exists}).
     */
    record Condition(Field field, Op op, String key, List<String> values) implements AudienceFilter {
    }

    enum Field {
        TAG("tag"), LOCALE("locale"), TIMEZONE("timezone"), COUNTRY("country"), PROVIDER("provider"),
        PLATFORM("platform"), APP("app"), LAST_SESSION_HOURS_AGO("lastSessionHoursAgo");

        public final String json;

        Field(String json) {
            this.json = json;
        }
    }

    enum Op {
        EQ("eq"), NEQ("neq"), IN("in"), EXISTS("exists"), NOT_EXISTS("not_exists"), GT("gt"), LT("lt"), STARTS_WITH("starts_with");

        public final String json;

        Op(String json) {
            this.json = json;
        }
    }

    /** Everyone: the filter of an audience that is the whole org. */
    static AudienceFilter everyone() {
        return new All(List.of());
    }
}
