/**
 * Extended Date/Time Format (EDTF, Library of Congress 2019 / ISO 8601-2) parsing, bounds and
 * English rendering. Pure JDK; entry point {@link org.memoria.common.edtf.Edtf}.
 *
 * <h2>Supported</h2>
 * <ul>
 *   <li>Level 0: {@code 1985-04-12}, {@code 1985-04}, {@code 1985}; date-times
 *       {@code 1985-04-12T23:20:30} with optional {@code Z} or {@code ±hh[:mm]} (bounds are the
 *       day; a zero offset with a minus, {@code -00} or {@code -00:00}, is rejected: RFC 3339 reads
 *       it as "offset unknown"); intervals {@code 1964/2008}.</li>
 *   <li>Level 1 in full: {@code Y} years of five to 18 digits ({@code Y170000002},
 *       {@code Y-170000002}; more digits are rejected); seasons 21-24; a final qualifier {@code ?}, {@code ~} or {@code %};
 *       unspecified digits {@code 201X}, {@code 20XX}, {@code 2004-XX}, {@code 1985-04-XX},
 *       {@code 1985-XX-XX}; extended intervals with open ({@code ..}) or unknown (empty) ends;
 *       negative years ({@code -1985}).</li>
 *   <li>Level 2 sets: one of {@code [a,b,c..d]} and all of <code>{a,b}</code>, including
 *       {@code ..a} on the first and {@code a..} on the last member; both ends of a range
 *       {@code a..b} must have the same {@link org.memoria.common.edtf.Precision}.</li>
 * </ul>
 * Other level 2 features (qualifying a component, {@code 2004?-06-11}, {@code 2004-06-~11};
 * X anywhere, {@code 156X-12-25}; seasons 25-41; exponential {@code Y-17E7} and significant
 * digits {@code 1950S2}) are rejected with a reason ending in
 * "not supported (EDTF level 2 feature)". Time of day is rejected inside intervals and sets,
 * as the specification excludes it there. Only canonical text is accepted (upper-case
 * {@code X}, {@code Y}, {@code T}, {@code Z}; no spaces), so {@code edtf()} returns the input.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Years are astronomical, as in EDTF and {@link java.time.LocalDate}: {@code 0000} is
 *       1 BCE, {@code -0044} is 45 BCE; {@code -0000} is rejected.</li>
 *   <li>Bounds are inclusive days. Qualifiers never widen them. Seasons are Northern-hemisphere
 *       meteorological: spring March-May, summer June-August, autumn September-November,
 *       winter December of the year to February of the next. Years outside LocalDate's range
 *       are clamped to {@code LocalDate.MIN}/{@code MAX}. Open and unknown ends give null.
 *       Sets span the earliest to the latest member. An interval start after its end, or a
 *       set range start after its end, is rejected (start's first day after end's last day).</li>
 *   <li>Rendering: "May 24, 1940", "May 1940", "1940", "summer 1937", "45 BCE",
 *       "170,000,002" (years above four digits are grouped); {@code ~} prefixes "c. ",
 *       {@code ?} appends " (uncertain)", {@code %} does both; {@code 201X} "the 2010s",
 *       {@code 19XX} "the 1900s", {@code 2004-XX} "some month in 2004", {@code 1985-04-XX}
 *       "some day in April 1985"; a date-time "April 12, 1985, 23:20:30 UTC+04:30".
 *       Intervals "A – B" (en dash), "from A onwards", "until B", "unknown – B", "A – unknown".
 *       Sets "a, b or c" (all-of: "and"), ranges "a to b", open members "a or earlier"/"a or
 *       later"; plain days or months of one year share the year: "May 26 or 27, 1940",
 *       "May 31 or June 1, 1940", "January or February 1760".</li>
 * </ul>
 */
package org.memoria.common.edtf;
