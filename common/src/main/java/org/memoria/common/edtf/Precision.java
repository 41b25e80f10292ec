package org.memoria.common.edtf;

/**
 * The granularity in which an EDTF value is written, from finest to coarsest.
 *
 * <p>Precision follows the written form, as in the EDTF specification: {@code 2004-XX} has
 * {@link #MONTH} precision (a month-shaped value whose month is unspecified) and
 * {@code 1985-04-XX} has {@link #DAY} precision. A date-time has {@link #DAY} precision.
 * {@code 201X} is a {@link #DECADE}, {@code 20XX} a {@link #CENTURY}, a {@code Y} year a
 * {@link #YEAR}.
 *
 * <p>An interval or a set reports the coarsest precision among its dates (open {@code ..} and
 * unknown ends are ignored): {@code 1936-12/1940-08-20} is {@link #MONTH}.
 * {@link #OTHER} is reserved for forms this library may support later and is not returned today.
 */
public enum Precision {
    DAY,
    MONTH,
    SEASON,
    YEAR,
    DECADE,
    CENTURY,
    OTHER;

    /** The coarser of two precisions. */
    static Precision coarser(Precision a, Precision b) {
        if (a == null) {
            return b;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
