package org.memoria.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a service serves at {@code /q/metrics} (the Prometheus text exposition format 0.0.4), for tests that
 * check which series a service exports and their values.
 */
public final class PrometheusText {

    /** One sample line: the series name, its labels, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample of the text, in order ({@code # HELP} and {@code # TYPE} lines skipped). */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            String rest;
            if (brace >= 0 && (space < 0 || brace < space)) {
                name = line.substring(0, brace);
                int end = labels(line, brace + 1, labels);
                rest = line.substring(end + 1).strip();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).strip();
            }
            String value = rest.split("\\s+")[0];
            samples.add(new Sample(name, Map.copyOf(labels), switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            }));
        }
        return samples;
    }

    /** The names of the series the text holds (with their {@code _total}, {@code _bucket}... suffixes). */
    public static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        parse(text).forEach(s -> names.add(s.name()));
        return names;
    }

    /** The value of the one series of this name whose labels include these; empty if there is none. */
    public static Optional<Double> value(String text, String name, Map<String, String> labels) {
        List<Sample> found = parse(text).stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException(found.size() + " series " + name + " have labels " + labels);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** Reads {@code name="value",...} from {@code from} to the closing brace; returns the brace's index. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }
}
