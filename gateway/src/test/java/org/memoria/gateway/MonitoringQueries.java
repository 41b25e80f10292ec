package org.memoria.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The metric names that deploy/kubernetes/monitoring's Grafana dashboard and PrometheusRule alerts query, to compare
 * with what the services export.
 *
 * <p>The names come from a scan of PromQL identifiers, not a PromQL parser: string literals, label matchers
 * ({@code {...}}), ranges ({@code [...]}), the label lists of {@code by}, {@code without}, {@code on},
 * {@code ignoring}, {@code group_left} and {@code group_right}, and Grafana's variables ({@code $x}) are removed; of the
 * identifiers left, those followed by {@code (} are functions or aggregations, and the PromQL keywords are skipped;
 * the rest are metric names. Grafana's {@code label_values(metric, label)} counts its metric. What it does not see: a
 * name matched by {@code {__name__=~"..."}}, names a recording rule makes (they would be reported as missing), and
 * Grafana's other template functions ({@code metrics(regex)}, {@code label_names()}).
 */
final class MonitoringQueries {

    /** A query and where it is: the dashboard's panel or variable, or the alert. */
    record Query(String where, String expr) {
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,()]*?)\\s*(?:,\\s*[\\w.]+\\s*)?\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][\\w:]*");

    private MonitoringQueries() {
    }

    /** The metric names one PromQL expression (or Grafana variable query) reads. */
    static Set<String> metricNames(String expr) {
        String rest = STRINGS.matcher(expr).replaceAll(" ");
        Matcher values = LABEL_VALUES.matcher(rest);
        StringBuilder unwrapped = new StringBuilder();
        while (values.find()) {
            // label_values(label) reads no metric; label_values(metric{...}, label) reads metric
            String inner = values.group(1);
            values.appendReplacement(unwrapped, Matcher.quoteReplacement(
                    values.group().contains(",") ? " " + inner + " " : " "));
        }
        values.appendTail(unwrapped);
        rest = unwrapped.toString().replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        rest = GROUPING.matcher(rest).replaceAll(" ").replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String name = m.group();
            int next = m.end();
            while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
                next++;
            }
            boolean call = next < rest.length() && rest.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every query of a Grafana dashboard: its panels' targets (rows' nested panels too) and its query variables. */
    static List<Query> dashboard(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        panels(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.add(new Query("dashboard variable " + variable.path("name").asText(),
                        query.isObject() ? query.path("query").asText() : query.asText()));
            }
        }
        return queries;
    }

    private static void panels(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query("panel \"" + panel.path("title").asText() + "\"", target.get("expr").asText()));
                }
            }
            panels(panel.path("panels"), queries);
        }
    }

    /** Every rule expression of a PrometheusRule. */
    static List<Query> alerts(JsonNode prometheusRule) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : prometheusRule.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? "alert " + rule.get("alert").asText() : "rule " + rule.path("record").asText();
                queries.add(new Query(name, rule.path("expr").asText()));
            }
        }
        return queries;
    }

    /** The queries of the repository's dashboards and alerts (deploy/kubernetes/monitoring). */
    static List<Query> ofRepository(Path root) {
        Path monitoring = root.resolve("deploy/kubernetes/monitoring");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            List<Query> queries = new ArrayList<>(dashboard(new ObjectMapper().readTree(
                    monitoring.resolve("dashboards/memoria.json").toFile())));
            queries.addAll(alerts(yaml.readTree(monitoring.resolve("alerts.yaml").toFile())));
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each metric a query reads that is not among the exported names, with the queries that read it. */
    static Map<String, List<String>> missing(List<Query> queries, Set<String> exported) {
        Map<String, List<String>> missing = new TreeMap<>();
        for (Query query : queries) {
            for (String name : metricNames(query.expr())) {
                if (!exported.contains(name)) {
                    missing.computeIfAbsent(name, n -> new ArrayList<>()).add(query.where());
                }
            }
        }
        return missing;
    }
}
