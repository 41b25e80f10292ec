package org.memoria.common.edtf;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A parsed EDTF value: a single date (or date-time), an interval, or a set. Immutable and
 * thread-safe; equality is by {@link #edtf()}. Obtain one from {@link Edtf#parse(String)}.
 */
public final class EdtfDate {

    private enum Kind { SINGLE, INTERVAL, ONE_OF, ALL_OF }

    /** A set member: a date ({@code from == to}), a range, or an open range (null side). */
    static final class Member {
        final Point from;
        final Point to;
        final boolean range;

        Member(Point from, Point to, boolean range) {
            this.from = from;
            this.to = to;
            this.range = range;
        }
    }

    private static final String DASH = " \u2013 ";

    private final String edtf;
    private final Kind kind;
    /** SINGLE: the date. INTERVAL: start, null when open or unknown. */
    private final Point start;
    /** INTERVAL: end, null when open or unknown. */
    private final Point end;
    private final boolean startOpen;
    private final boolean endOpen;
    private final Member[] members;
    private final LocalDate earliest;
    private final LocalDate latest;
    private final boolean uncertain;
    private final boolean approximate;
    private final Precision precision;

    private EdtfDate(String edtf, Kind kind, Point start, boolean startOpen, Point end, boolean endOpen,
                     Member[] members) {
        this.edtf = edtf;
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.startOpen = startOpen;
        this.endOpen = endOpen;
        this.members = members;

        boolean u = false;
        boolean a = false;
        Precision p = null;
        LocalDate lo = null;
        LocalDate hi = null;
        if (members == null) {
            for (Point pt : new Point[] {start, end}) {
                if (pt != null) {
                    u |= pt.uncertain();
                    a |= pt.approximate();
                    p = Precision.coarser(p, pt.precision());
                }
            }
            if (start != null) {
                lo = Point.toDate(start.minYear, start.minMonthDay);
            }
            Point last = kind == Kind.SINGLE ? start : end;
            if (last != null) {
                hi = Point.toDate(last.maxYear, last.maxMonthDay);
            }
        } else {
            boolean openLo = false;
            boolean openHi = false;
            Point min = null;
            Point max = null;
            for (Member m : members) {
                for (Point pt : new Point[] {m.from, m.to}) {
                    if (pt != null) {
                        u |= pt.uncertain();
                        a |= pt.approximate();
                        p = Precision.coarser(p, pt.precision());
                    }
                }
                if (m.from == null) {
                    openLo = true;
                } else if (min == null
                        || Point.compare(m.from.minYear, m.from.minMonthDay, min.minYear, min.minMonthDay) < 0) {
                    min = m.from;
                }
                if (m.to == null) {
                    openHi = true;
                } else if (max == null
                        || Point.compare(m.to.maxYear, m.to.maxMonthDay, max.maxYear, max.maxMonthDay) > 0) {
                    max = m.to;
                }
            }
            if (!openLo) {
                lo = Point.toDate(min.minYear, min.minMonthDay);
            }
            if (!openHi) {
                hi = Point.toDate(max.maxYear, max.maxMonthDay);
            }
        }
        this.uncertain = u;
        this.approximate = a;
        this.precision = p;
        this.earliest = lo;
        this.latest = hi;
    }

    static EdtfDate single(String edtf, Point point) {
        return new EdtfDate(edtf, Kind.SINGLE, point, false, null, false, null);
    }

    static EdtfDate interval(String edtf, Point start, boolean startOpen, Point end, boolean endOpen) {
        return new EdtfDate(edtf, Kind.INTERVAL, start, startOpen, end, endOpen, null);
    }

    static EdtfDate set(String edtf, boolean oneOf, Member[] members) {
        return new EdtfDate(edtf, oneOf ? Kind.ONE_OF : Kind.ALL_OF, null, false, null, false, members);
    }

    /** The EDTF text, exactly as parsed (only canonical input is accepted). */
    public String edtf() {
        return edtf;
    }

    /**
     * First day the value may denote (inclusive), or null when the start is open ({@code ..}) or
     * unknown (empty). Qualifiers ({@code ? ~ %}) do not widen bounds. Years beyond LocalDate's
     * range are clamped to {@link LocalDate#MIN} / {@link LocalDate#MAX}.
     */
    public LocalDate earliest() {
        return earliest;
    }

    /** Last day the value may denote (inclusive), or null when open or unknown; see {@link #earliest()}. */
    public LocalDate latest() {
        return latest;
    }

    /** Whether any part carries {@code ?} or {@code %}. */
    public boolean uncertain() {
        return uncertain;
    }

    /** Whether any part carries {@code ~} or {@code %}. */
    public boolean approximate() {
        return approximate;
    }

    public boolean isInterval() {
        return kind == Kind.INTERVAL;
    }

    /** True for both "one of a set" {@code [..]} and "all members" <code>{..}</code>. */
    public boolean isSet() {
        return kind == Kind.ONE_OF || kind == Kind.ALL_OF;
    }

    /**
     * The day, when this is a single, fully specified calendar date (a date-time gives its date).
     * May still be uncertain or approximate: check {@link #uncertain()} and {@link #approximate()}.
     */
    public Optional<LocalDate> exactDay() {
        if (kind == Kind.SINGLE && start.isExactDay()) {
            return Optional.of(earliest);
        }
        return Optional.empty();
    }

    /** See {@link Precision}: the written granularity; intervals and sets give their coarsest part. */
    public Precision precision() {
        return precision;
    }

    /** Readable English, e.g. "May 24, 1940", "c. June 2004", "December 1936 – August 20, 1940". */
    public String render() {
        return switch (kind) {
            case SINGLE -> start.render();
            case INTERVAL -> renderInterval();
            case ONE_OF -> renderSet("or");
            case ALL_OF -> renderSet("and");
        };
    }

    private String renderInterval() {
        if (startOpen) {
            return "until " + end.render();
        }
        if (endOpen) {
            return "from " + start.render() + " onwards";
        }
        return (start == null ? "unknown" : start.render()) + DASH + (end == null ? "unknown" : end.render());
    }

    private String renderSet(String conj) {
        String collapsed = collapsed(conj);
        if (collapsed != null) {
            return collapsed;
        }
        String[] items = new String[members.length];
        for (int k = 0; k < members.length; k++) {
            Member m = members[k];
            if (!m.range) {
                items[k] = m.from.render();
            } else if (m.from == null) {
                items[k] = m.to.render() + " " + conj + " earlier";
            } else if (m.to == null) {
                items[k] = m.from.render() + " " + conj + " later";
            } else {
                items[k] = m.from.render() + " to " + m.to.render();
            }
        }
        StringBuilder sb = new StringBuilder();
        join(sb, items, conj);
        return sb.toString();
    }

    /**
     * Plain days or plain months of one year share the year: "May 26 or 27, 1940",
     * "May 31 or June 1, 1940", "January or February 1760". Null when not applicable.
     */
    private String collapsed(String conj) {
        if (members.length < 2) {
            return null;
        }
        Point first = members[0].from;
        boolean sameMonth = true;
        for (Member m : members) {
            Point p = m.from;
            if (m.range || !p.isPlain() || p.year() != first.year() || (p.day == 0) != (first.day == 0)) {
                return null;
            }
            sameMonth &= p.month == first.month;
        }
        String[] items = new String[members.length];
        for (int k = 0; k < members.length; k++) {
            Point p = members[k].from;
            if (first.day == 0) {
                items[k] = Point.MONTHS[p.month];
            } else if (sameMonth && k > 0) {
                items[k] = Integer.toString(p.day);
            } else {
                items[k] = Point.MONTHS[p.month] + " " + p.day;
            }
        }
        StringBuilder sb = new StringBuilder();
        join(sb, items, conj);
        sb.append(first.day == 0 ? " " : ", ");
        Point.appendYear(sb, first.year());
        return sb.toString();
    }

    /** "a", "a or b", "a, b or c". */
    private static void join(StringBuilder sb, String[] items, String conj) {
        for (int k = 0; k < items.length; k++) {
            if (k > 0) {
                sb.append(k == items.length - 1 ? " " + conj + " " : ", ");
            }
            sb.append(items[k]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdtfDate other && edtf.equals(other.edtf);
    }

    @Override
    public int hashCode() {
        return edtf.hashCode();
    }

    /** The EDTF text. */
    @Override
    public String toString() {
        return edtf;
    }
}
