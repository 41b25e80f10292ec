package org.memoria.common.edtf;

import java.util.ArrayList;
import java.util.List;

/** Hand-written scanner for EDTF; one instance per input. Not thread-safe, package-private. */
final class Parser {

    /** Internal failure without a stack trace; {@link Edtf} turns it into {@link EdtfParseException}. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int position;
        final String reason;

        Failure(int position, String reason) {
            super(reason, null, false, false);
            this.position = position;
            this.reason = reason;
        }
    }

    private static final int TOP = 0;
    private static final int IN_INTERVAL = 1;
    private static final int IN_SET = 2;
    private static final String LEVEL2 = " not supported (EDTF level 2 feature)";
    private static final String LOWER_X = "unspecified digit must be upper-case 'X'";

    private final String s;
    private final int n;
    private int i;
    /** Position of the 'T' of the last date-time parsed, or -1. */
    private int timePos = -1;

    Parser(String s) {
        this.s = s;
        this.n = s.length();
    }

    EdtfDate parse() {
        if (n == 0) {
            throw fail(0, "input is empty");
        }
        char c = s.charAt(0);
        if (c == '[' || c == '{') {
            return set(c);
        }
        if (c == '/') {
            i = 1;
            return interval(null, false);
        }
        if (s.startsWith("..", 0)) {
            i = 2;
            if (i < n && s.charAt(i) == '/') {
                i++;
                return interval(null, true);
            }
            throw fail(i, "expected '/' after an open start '..'");
        }
        Point p = point(TOP);
        if (i == n) {
            return EdtfDate.single(s, p);
        }
        c = s.charAt(i);
        if (c == '/') {
            if (p.hasTime) {
                throw fail(timePos, "time of day is not allowed in an interval");
            }
            i++;
            return interval(p, false);
        }
        if (s.startsWith("..", i)) {
            throw fail(i, "'..' ranges are only allowed inside a set");
        }
        throw unexpected(i);
    }

    private EdtfDate interval(Point start, boolean startOpen) {
        int endPos = i;
        Point end = null;
        boolean endOpen = false;
        if (i < n) {
            if (s.startsWith("..", i)) {
                endOpen = true;
                i += 2;
            } else {
                end = point(IN_INTERVAL);
            }
            if (i < n) {
                throw s.charAt(i) == '/' ? fail(i, "an interval has exactly one '/'") : unexpected(i);
            }
        }
        if (start == null && end == null) {
            throw fail(endPos, "an interval needs at least one date");
        }
        if (start != null && end != null && Point.after(start, end)) {
            throw fail(endPos, "interval start must not be after its end");
        }
        return EdtfDate.interval(s, start, startOpen, end, endOpen);
    }

    private EdtfDate set(char open) {
        char close = open == '[' ? ']' : '}';
        i = 1;
        if (i < n && s.charAt(i) == close) {
            throw fail(i, "a set needs at least one member");
        }
        List<EdtfDate.Member> members = new ArrayList<>(4);
        while (true) {
            if (s.startsWith("..", i)) {
                if (!members.isEmpty()) {
                    throw fail(i, "'..' before a member is only allowed on the first member");
                }
                i += 2;
                members.add(new EdtfDate.Member(null, point(IN_SET), true));
            } else {
                Point from = point(IN_SET);
                if (s.startsWith("..", i)) {
                    int dots = i;
                    i += 2;
                    if (i < n && (s.charAt(i) == ',' || s.charAt(i) == close)) {
                        if (s.charAt(i) == ',') {
                            throw fail(dots, "'..' after a member is only allowed on the last member");
                        }
                        members.add(new EdtfDate.Member(from, null, true));
                    } else if (i < n) {
                        int toPos = i;
                        Point to = point(IN_SET);
                        if (from.precision() != to.precision()) {
                            // ISO 8601-2 / EDTF set ranges: both ends are written in the same precision
                            throw fail(toPos, "both ends of a '..' range must have the same precision (here "
                                + name(from.precision()) + " and " + name(to.precision()) + ")");
                        }
                        if (Point.after(from, to)) {
                            throw fail(toPos, "range start must not be after its end");
                        }
                        members.add(new EdtfDate.Member(from, to, true));
                    }
                } else {
                    members.add(new EdtfDate.Member(from, from, false));
                }
            }
            if (i >= n) {
                throw fail(i, "missing closing '" + close + "'");
            }
            char c = s.charAt(i);
            if (c == ',') {
                i++;
            } else if (c == close) {
                i++;
                break;
            } else {
                throw fail(i, "expected ',' or '" + close + "' but found '" + c + "'");
            }
        }
        if (i < n) {
            throw unexpected(i);
        }
        return EdtfDate.set(s, open == '[', members.toArray(new EdtfDate.Member[0]));
    }

    private Point point(int ctx) {
        int start = i;
        if (i >= n) {
            throw fail(i, "expected a date");
        }
        char c = s.charAt(i);
        if (isQualifier(c)) {
            throw fail(i, "a qualifier before a date is" + LEVEL2);
        }
        if (c == 'Y') {
            return longYear();
        }
        if (c == 'y') {
            throw fail(i, "the year prefix must be upper-case 'Y'");
        }
        boolean negative = c == '-';
        if (negative) {
            i++;
        }
        int yearStart = i;
        long magnitude = 0;
        int yearX = 0;
        for (int k = 0; k < 4; k++, i++) {
            if (i >= n) {
                throw fail(i, "year must have four digits");
            }
            c = s.charAt(i);
            if (isDigit(c)) {
                if (yearX > 0) {
                    throw fail(i, "a known digit after an unspecified digit is" + LEVEL2);
                }
                magnitude = magnitude * 10 + (c - '0');
            } else if (c == 'X') {
                yearX++;
                magnitude *= 10;
            } else if (c == 'x') {
                throw fail(i, LOWER_X);
            } else if (k == 0 && !negative) {
                throw fail(i, "expected a date but found '" + c + "'");
            } else {
                throw fail(i, "year must have four digits");
            }
        }
        if (i < n) {
            c = s.charAt(i);
            if (isDigit(c) || c == 'X' || c == 'x') {
                throw fail(i, "year must have exactly four digits (use the 'Y' prefix for longer years)");
            }
            if (c == 'S') {
                throw fail(i, "significant digits are" + LEVEL2);
            }
        }
        if (yearX > 2) {
            throw fail(yearStart + 4 - yearX, "more than two unspecified year digits is" + LEVEL2);
        }
        if (negative && magnitude == 0 && yearX == 0) {
            throw fail(start, "year -0000 is not allowed (use 0000)");
        }

        int month = 0;
        int day = 0;
        if (i < n && s.charAt(i) == '-') {
            if (yearX > 0) {
                throw fail(i, "a month after unspecified year digits is" + LEVEL2);
            }
            i++;
            int monthPos = i;
            month = twoDigits("month");
            if (month != Point.UNSPECIFIED) {
                if (month >= 25 && month <= 41) {
                    throw fail(monthPos, "seasons 25-41 are" + LEVEL2);
                }
                if (month < 1 || (month > 12 && month < 21) || month > 24) {
                    throw fail(monthPos, "month must be 01-12 or a season 21-24");
                }
            }
            if (i < n && s.charAt(i) == '-') {
                if (month >= 21) {
                    throw fail(i, "a season cannot have a day");
                }
                i++;
                int dayPos = i;
                day = twoDigits("day");
                if (day != Point.UNSPECIFIED) {
                    if (month == Point.UNSPECIFIED) {
                        throw fail(dayPos, "a known day in an unspecified month is" + LEVEL2);
                    }
                    int len = Point.lengthOfMonth(negative ? -magnitude : magnitude, month);
                    if (day < 1 || day > len) {
                        throw fail(dayPos, "day must be 01-" + len + " in " + Point.MONTHS[month] + " "
                            + s.substring(start, yearStart + 4));
                    }
                }
            }
        }

        boolean hasTime = false;
        int hour = 0;
        int minute = 0;
        int second = 0;
        String zone = null;
        if (i < n && (s.charAt(i) == 'T' || s.charAt(i) == 't')) {
            if (s.charAt(i) == 't') {
                throw fail(i, "the time separator must be upper-case 'T'");
            }
            if (ctx != TOP) {
                throw fail(i, ctx == IN_INTERVAL ? "time of day is not allowed in an interval"
                    : "time of day is not allowed in a set");
            }
            if (day <= 0) {
                throw fail(i, "a time needs a complete date (year, month and day)");
            }
            timePos = i;
            i++;
            hour = number2("hour", 23);
            colon();
            minute = number2("minute", 59);
            colon();
            second = number2("second", 59);
            if (i < n) {
                c = s.charAt(i);
                if (c == 'Z') {
                    zone = "Z";
                    i++;
                } else if (c == 'z') {
                    throw fail(i, "the UTC designator must be upper-case 'Z'");
                } else if (c == '+' || c == '-') {
                    int zoneStart = i;
                    i++;
                    int offset = number2("offset hours", 23) * 60;
                    if (i < n && s.charAt(i) == ':') {
                        i++;
                        offset += number2("offset minutes", 59);
                    }
                    if (c == '-' && offset == 0) {
                        // RFC 3339 reads -00:00 as "offset unknown", which a stored date-time cannot carry
                        throw fail(zoneStart, "a zero offset is written 'Z' or '+00:00' ('-00' would mean an unknown offset)");
                    }
                    zone = s.substring(zoneStart, i);
                } else if (c == '.' || c == ',') {
                    throw fail(i, "fractional seconds are not allowed");
                }
            }
            if (i < n && isQualifier(s.charAt(i))) {
                throw fail(i, "a qualifier is not allowed on a date-time");
            }
            hasTime = true;
        }

        char qualifier = qualifier(day == 0);
        return new Point(negative, magnitude, false, yearX, month, day, qualifier,
            hasTime, hour, minute, second, zone);
    }

    private Point longYear() {
        int start = i;
        i++;
        boolean negative = i < n && s.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long magnitude = 0;
        while (i < n && isDigit(s.charAt(i))) {
            if (i - digitsStart == 18) {
                throw fail(i, "a 'Y' year may have at most 18 digits");
            }
            magnitude = magnitude * 10 + (s.charAt(i) - '0');
            i++;
        }
        int count = i - digitsStart;
        if (count == 0) {
            throw fail(i, "expected digits after 'Y'");
        }
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'E') {
                throw fail(i, "exponential years are" + LEVEL2);
            }
            if (c == 'S') {
                throw fail(i, "significant digits are" + LEVEL2);
            }
            if (c == 'X' || c == 'x') {
                throw fail(i, "a 'Y' year cannot have unspecified digits");
            }
        }
        if (s.charAt(digitsStart) == '0') {
            throw fail(digitsStart, "a 'Y' year must not have leading zeros");
        }
        if (count <= 4) {
            throw fail(start, "a 'Y' year must have more than four digits");
        }
        if (i < n && s.charAt(i) == '-') {
            throw fail(i, "a 'Y' year cannot have a month or day");
        }
        char qualifier = qualifier(false);
        return new Point(negative, magnitude, true, 0, 0, 0, qualifier, false, 0, 0, 0, null);
    }

    /** An optional trailing qualifier; rejects a second one and level-2 partial qualification. */
    private char qualifier(boolean componentMayFollow) {
        if (i >= n || !isQualifier(s.charAt(i))) {
            return 0;
        }
        char q = s.charAt(i);
        i++;
        if (i < n) {
            char c = s.charAt(i);
            if (isQualifier(c)) {
                throw fail(i, "only one qualifier is allowed (use '%' for uncertain and approximate)");
            }
            if (c == '-' && componentMayFollow) {
                throw fail(i - 1, "qualifying part of a date is" + LEVEL2);
            }
        }
        return q;
    }

    /** Two digits or "XX" (returns {@link Point#UNSPECIFIED}). */
    private int twoDigits(String name) {
        int p = i;
        int value = 0;
        int xs = 0;
        for (int k = 0; k < 2; k++, i++) {
            if (i >= n) {
                throw fail(i, name + " must have two digits");
            }
            char c = s.charAt(i);
            if (isDigit(c)) {
                value = value * 10 + (c - '0');
            } else if (c == 'X') {
                xs++;
            } else if (c == 'x') {
                throw fail(i, LOWER_X);
            } else if (isQualifier(c)) {
                throw fail(i, "a qualifier inside a date is" + LEVEL2);
            } else {
                throw fail(i, name + " must have two digits");
            }
        }
        if (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == 'X')) {
            throw fail(i, name + " must have two digits");
        }
        if (xs == 2) {
            return Point.UNSPECIFIED;
        }
        if (xs == 1) {
            throw fail(p, "a partly unspecified " + name + " is" + LEVEL2);
        }
        return value;
    }

    private int number2(String name, int max) {
        int p = i;
        for (int k = 0; k < 2; k++) {
            if (i + k >= n || !isDigit(s.charAt(i + k))) {
                throw fail(i + k, name + " must have two digits");
            }
        }
        int value = (s.charAt(i) - '0') * 10 + (s.charAt(i + 1) - '0');
        i += 2;
        if (i < n && isDigit(s.charAt(i))) {
            throw fail(i, name + " must have two digits");
        }
        if (value > max) {
            throw fail(p, name + " must be 00-" + max);
        }
        return value;
    }

    private void colon() {
        if (i >= n || s.charAt(i) != ':') {
            throw fail(i, "time must be hh:mm:ss");
        }
        i++;
    }

    private static String name(Precision p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Failure unexpected(int pos) {
        return fail(pos, "unexpected character '" + s.charAt(pos) + "'");
    }

    private static Failure fail(int pos, String reason) {
        return new Failure(pos, reason);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isQualifier(char c) {
        return c == '?' || c == '~' || c == '%';
    }
}
