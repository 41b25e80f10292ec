package org.memoria.common.api;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list. Pages count from 0 to {@link #MAX_PAGE}; {@link #MAX_SIZE} is the largest page a client may ask
 * for. The highest page keeps its first row's position ({@code page * size}) within an int, as JPA needs it.
 */
@Schema(description = "One page of results; pages count from 0")
public record Page<T>(List<T> items, int page, int size, long total) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
