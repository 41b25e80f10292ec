package org.memoria.common.edtf;

import java.time.LocalDate;
import java.time.chrono.IsoChronology;

/** One EDTF date or date-time (not an interval or set). Immutable, package-private. */
final class Point {

    /** Month or day written as {@code XX}. */
    static final int UNSPECIFIED = -1;

    static final String[] MONTHS = {
        null, "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"
    };
    private static final String[] SEASONS = {"spring", "summer", "autumn", "winter"};
    private static final long[] POW10 = {1, 10, 100};

    final boolean negative;
    /** Year magnitude, unspecified digits counted as 0. */
    final long magnitude;
    final boolean longYear;
    /** Number of trailing {@code X} in the year (0-2). */
    final int yearX;
    /** 0 absent, 1-12, 21-24 season, or {@link #UNSPECIFIED}. */
    final int month;
    /** 0 absent, 1-31, or {@link #UNSPECIFIED}. */
    final int day;
    /** 0, '?', '~' or '%'. */
    final char qualifier;
    final boolean hasTime;
    final int hour;
    final int minute;
    final int second;
    /** null, "Z" or the offset as written ("+04:30", "-04"). */
    final String zone;

    /** Inclusive bounds as (year, month << 5 | day); years are not clamped here. */
    final long minYear;
    final int minMonthDay;
    final long maxYear;
    final int maxMonthDay;

    Point(boolean negative, long magnitude, boolean longYear, int yearX, int month, int day,
          char qualifier, boolean hasTime, int hour, int minute, int second, String zone) {
        this.negative = negative;
        this.magnitude = magnitude;
        this.longYear = longYear;
        this.yearX = yearX;
        this.month = month;
        this.day = day;
        this.qualifier = qualifier;
        this.hasTime = hasTime;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        this.zone = zone;

        long y = year();
        if (yearX > 0) {
            long hi = magnitude + POW10[yearX] - 1;
            minYear = negative ? -hi : magnitude;
            maxYear = negative ? -magnitude : hi;
            minMonthDay = md(1, 1);
            maxMonthDay = md(12, 31);
        } else if (month == 0 || month == UNSPECIFIED) {
            minYear = y;
            maxYear = y;
            minMonthDay = md(1, 1);
            maxMonthDay = md(12, 31);
        } else if (month >= 21) {
            // Northern-hemisphere meteorological seasons; winter runs into the next year.
            minYear = y;
            switch (month) {
                case 21 -> { minMonthDay = md(3, 1); maxYear = y; maxMonthDay = md(5, 31); }
                case 22 -> { minMonthDay = md(6, 1); maxYear = y; maxMonthDay = md(8, 31); }
                case 23 -> { minMonthDay = md(9, 1); maxYear = y; maxMonthDay = md(11, 30); }
                default -> { minMonthDay = md(12, 1); maxYear = y + 1; maxMonthDay = md(2, lengthOfMonth(y + 1, 2)); }
            }
        } else if (day <= 0) {
            minYear = y;
            maxYear = y;
            minMonthDay = md(month, 1);
            maxMonthDay = md(month, lengthOfMonth(y, month));
        } else {
            minYear = y;
            maxYear = y;
            minMonthDay = md(month, day);
            maxMonthDay = minMonthDay;
        }
    }

    /** Signed year (unspecified digits as 0). */
    long year() {
        return negative ? -magnitude : magnitude;
    }

    static int md(int month, int day) {
        return month << 5 | day;
    }

    static int lengthOfMonth(long year, int month) {
        return switch (month) {
            case 2 -> IsoChronology.INSTANCE.isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static int compare(long yearA, int mdA, long yearB, int mdB) {
        int c = Long.compare(yearA, yearB);
        return c != 0 ? c : Integer.compare(mdA, mdB);
    }

    /** Whether a's earliest day is after b's latest day. */
    static boolean after(Point a, Point b) {
        return compare(a.minYear, a.minMonthDay, b.maxYear, b.maxMonthDay) > 0;
    }

    /** Converts a bound to a LocalDate, clamping years outside LocalDate's range. */
    static LocalDate toDate(long year, int monthDay) {
        if (year > LocalDate.MAX.getYear()) {
            return LocalDate.MAX;
        }
        if (year < LocalDate.MIN.getYear()) {
            return LocalDate.MIN;
        }
        return LocalDate.of((int) year, monthDay >>> 5, monthDay & 31);
    }

    boolean uncertain() {
        return qualifier == '?' || qualifier == '%';
    }

    boolean approximate() {
        return qualifier == '~' || qualifier == '%';
    }

    /** Exactly one known calendar day: a full numeric date (possibly with a time). */
    boolean isExactDay() {
        return day > 0 && month >= 1 && month <= 12 && yearX == 0;
    }

    Precision precision() {
        if (yearX == 1) {
            return Precision.DECADE;
        }
        if (yearX == 2) {
            return Precision.CENTURY;
        }
        if (month == 0) {
            return Precision.YEAR;
        }
        if (month >= 21) {
            return Precision.SEASON;
        }
        return day == 0 ? Precision.MONTH : Precision.DAY;
    }

    /** Plain month or day date: no qualifier, season, X, long year or time. */
    boolean isPlain() {
        return qualifier == 0 && !longYear && yearX == 0 && month >= 1 && month <= 12
            && day != UNSPECIFIED && !hasTime;
    }

    String render() {
        StringBuilder sb = new StringBuilder(32);
        if (approximate()) {
            sb.append("c. ");
        }
        appendBody(sb);
        if (uncertain()) {
            sb.append(" (uncertain)");
        }
        return sb.toString();
    }

    private void appendBody(StringBuilder sb) {
        long y = year();
        if (yearX > 0) {
            if (!negative && magnitude > 0) {
                sb.append("the ");
                appendNumber(sb, magnitude);
                sb.append('s');
            } else {
                sb.append("some year between ");
                appendYear(sb, minYear);
                sb.append(" and ");
                appendYear(sb, maxYear);
            }
        } else if (month == 0) {
            appendYear(sb, y);
        } else if (month == UNSPECIFIED) {
            sb.append(day == UNSPECIFIED ? "some day in " : "some month in ");
            appendYear(sb, y);
        } else if (month >= 21) {
            sb.append(SEASONS[month - 21]).append(' ');
            appendYear(sb, y);
        } else if (day == 0) {
            sb.append(MONTHS[month]).append(' ');
            appendYear(sb, y);
        } else if (day == UNSPECIFIED) {
            sb.append("some day in ").append(MONTHS[month]).append(' ');
            appendYear(sb, y);
        } else {
            sb.append(MONTHS[month]).append(' ').append(day).append(", ");
            appendYear(sb, y);
            if (hasTime) {
                sb.append(", ");
                two(sb, hour).append(':');
                two(sb, minute).append(':');
                two(sb, second);
                if (zone != null) {
                    sb.append(" UTC");
                    if (!"Z".equals(zone)) {
                        sb.append(zone);
                    }
                }
            }
        }
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Astronomical year to text: year 0 is 1 BCE, year -44 is 45 BCE. */
    static void appendYear(StringBuilder sb, long year) {
        if (year > 0) {
            appendNumber(sb, year);
        } else {
            appendNumber(sb, 1 - year);
            sb.append(" BCE");
        }
    }

    /** Digits, grouped with commas when longer than four digits. */
    static void appendNumber(StringBuilder sb, long v) {
        String digits = Long.toString(v);
        int len = digits.length();
        if (len <= 4) {
            sb.append(digits);
            return;
        }
        for (int k = 0; k < len; k++) {
            if (k > 0 && (len - k) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(k));
        }
    }
}
