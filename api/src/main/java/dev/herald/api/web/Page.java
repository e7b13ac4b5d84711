package dev.herald.api.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/** A page of a list; pass {@code next} as {@code after} to read the following page. */
@Serdeable
public record Page<T>(List<T> items, @Nullable String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Builds a page from a query that fetched one row more than {@code limit}. */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> cursor) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursor.apply(shown.get(shown.size() - 1)) : null);
    }

    public static <T> Page<T> all(List<T> items) {
        return new Page<>(items, null);
    }
}
