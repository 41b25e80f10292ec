package org.memoria.common.persistence;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;

/**
 * An EDTF string stored with its computed bounds, for sorting and interval queries. The string has at most
 * {@link #MAX_LENGTH} characters and its bounds lie within PostgreSQL's {@code date} range, {@link #EARLIEST} to
 * {@link #LATEST}: {@code @EdtfString} refuses anything else before it reaches the database (docs/edtf.md).
 */
@Embeddable
public class EdtfValue {

    /** The length of every {@code *_edtf} column. */
    public static final int MAX_LENGTH = org.memoria.common.validation.EdtfString.MAX_LENGTH;
    /** The first day PostgreSQL's {@code date} holds: 4714-11-24 BC (Julian day 0), astronomical year -4713. */
    public static final LocalDate EARLIEST = LocalDate.of(-4713, 11, 24);
    /** The last day PostgreSQL's {@code date} holds: 5874897-12-31 AD. */
    public static final LocalDate LATEST = LocalDate.of(5_874_897, 12, 31);

    @Column(length = MAX_LENGTH)
    public String edtf;
    public LocalDate earliest;
    public LocalDate latest;

    /** null for a null or blank string; the string must already be valid. */
    public static EdtfValue of(String edtf) {
        if (edtf == null || edtf.isBlank()) {
            return null;
        }
        EdtfDate date = Edtf.parse(edtf);
        EdtfValue value = new EdtfValue();
        value.edtf = edtf;
        value.earliest = date.earliest();
        value.latest = date.latest();
        return value;
    }

    public static String edtf(EdtfValue value) {
        return value == null ? null : value.edtf;
    }

    /** Why the date's bounds cannot be stored, or null when they can. */
    public static String outOfRange(EdtfDate date) {
        for (LocalDate bound : new LocalDate[] { date.earliest(), date.latest() }) {
            if (bound != null && (bound.isBefore(EARLIEST) || bound.isAfter(LATEST))) {
                return "lies outside the dates Memoria can store (" + EARLIEST + " to " + LATEST + ", the range of "
                        + "PostgreSQL's date type)";
            }
        }
        return null;
    }

    /** The day, moved into the storable range: a query bound beyond it selects the same as the range's end. */
    public static LocalDate clamp(LocalDate day) {
        if (day == null) {
            return null;
        }
        return day.isBefore(EARLIEST) ? EARLIEST : day.isAfter(LATEST) ? LATEST : day;
    }
}
