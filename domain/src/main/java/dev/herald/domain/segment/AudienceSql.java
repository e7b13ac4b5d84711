package dev.herald.domain.segment;

import dev.herald.domain.segment.AudienceFilter.Condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An audience filter as a SQL condition over a device {@code d} joined with its user
 * {@code u}. Values are always bind parameters; a {@code String[]} parameter binds as a text
 * array. The locale and timezone a device reports win over its user's.
 */
public final class AudienceSql {

    private AudienceSql() {
    }

    public record Fragment(String sql, List<Object> params) {
    }

    public static Fragment where(AudienceFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = render(filter, params);
        return new Fragment(sql, params);
    }

    private static String render(AudienceFilter filter, List<Object> params) {
        if (filter instanceof AudienceFilter.All all) {
            return group(all.parts(), " and ", "true", params);
        }
        if (filter instanceof AudienceFilter.Any any) {
            return group(any.parts(), " or ", "false", params);
        }
        return condition((Condition) filter, params);
    }

    private static String group(List<AudienceFilter> parts, String joiner, String empty, List<Object> params) {
        if (parts.isEmpty()) {
            return empty;
        }
        List<String> rendered = new ArrayList<>();
        for (AudienceFilter part : parts) {
            rendered.add(render(part, params));
        }
        return "(" + String.join(joiner, rendered) + ")";
    }

    private static String condition(Condition c, List<Object> params) {
        return switch (c.field()) {
            case TAG -> tag(c, params);
            case LOCALE -> text("coalesce(d.locale, u.locale)", c, params, false);
            case TIMEZONE -> text("coalesce(d.timezone, u.timezone)", c, params, false);
            case COUNTRY -> text("u.country", c, params, true);
            case PLATFORM -> text("d.platform", c, params, true);
            case PROVIDER -> text("d.provider", c, c.values().stream().map(v -> v.toUpperCase(Locale.ROOT)).toList(), params, false);
            case APP -> app(c, params);
            case LAST_SESSION_HOURS_AGO -> lastSession(c, params);
        };
    }

    private static String tag(Condition c, List<Object> params) {
        params.add(c.key());
        String value = "(u.tags ->> ?)";
        switch (c.op()) {
            case EXISTS:
                return value + " is not null";
            case NOT_EXISTS:
                return value + " is null";
            case GT:
            case LT:
                // tags are strings: compare as numbers only where the tag holds one
                params.add(c.key());
                params.add(new BigDecimal(c.values().get(0)));
                return "(case when (u.tags ->> ?) ~ '^-?[0-9]+(\\.[0-9]+)?$' then " + value + "::numeric "
                        + (c.op() == AudienceFilter.Op.GT ? ">" : "<") + " ? else false end)";
            default:
                return compare(value, c, c.values(), params, false);
        }
    }

    private static String text(String column, Condition c, List<Object> params, boolean caseInsensitive) {
        return text(column, c, c.values(), params, caseInsensitive);
    }

    private static String text(String column, Condition c, List<String> values, List<Object> params, boolean caseInsensitive) {
        switch (c.op()) {
            case EXISTS:
                return column + " is not null";
            case NOT_EXISTS:
                return column + " is null";
            case STARTS_WITH:
                // a language matches its regional variants: en matches en, en-US, en_GB
                params.add(values.get(0).toLowerCase(Locale.ROOT));
                params.add(values.get(0).toLowerCase(Locale.ROOT) + "-%");
                params.add(values.get(0).toLowerCase(Locale.ROOT) + "\\_%");
                return "(lower(" + column + ") = ? or lower(" + column + ") like ? or lower(" + column + ") like ?)";
            default:
                return compare(column, c, values, params, caseInsensitive);
        }
    }

    private static String compare(String column, Condition c, List<String> values, List<Object> params, boolean caseInsensitive) {
        String left = caseInsensitive ? "upper(" + column + ")" : column;
        List<String> bound = caseInsensitive ? values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList() : values;
        switch (c.op()) {
            case EQ:
                params.add(bound.get(0));
                return left + " = ?";
            case NEQ:
                // a missing value is different from any value
                params.add(bound.get(0));
                return left + " is distinct from ?";
            case IN:
                params.add(bound.toArray(String[]::new));
                return left + " = any(?)";
            default:
                throw new IllegalArgumentException(c.op() + " on " + c.field());
        }
    }

    private static String app(Condition c, List<Object> params) {
        List<UUID> ids = c.values().stream().map(UUID::fromString).toList();
        switch (c.op()) {
            case EQ:
                params.add(ids.get(0));
                return "d.app_id = ?";
            case NEQ:
                params.add(ids.get(0));
                return "d.app_id <> ?";
            default:
                params.add(ids.stream().map(UUID::toString).toArray(String[]::new));
                return "d.app_id::text = any(?)";
        }
    }

    private static String lastSession(Condition c, List<Object> params) {
        switch (c.op()) {
            case EXISTS:
                return "u.last_session_at is not null";
            case NOT_EXISTS:
                return "u.last_session_at is null";
            case LT:
                params.add(new BigDecimal(c.values().get(0)));
                return "u.last_session_at > now() - make_interval(secs => ? * 3600)";
            default:
                params.add(new BigDecimal(c.values().get(0)));
                return "u.last_session_at < now() - make_interval(secs => ? * 3600)";
        }
    }
}
