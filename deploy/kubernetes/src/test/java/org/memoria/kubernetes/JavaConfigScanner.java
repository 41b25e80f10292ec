package org.memoria.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a Java source file reads: those of its {@code @ConfigMapping} interfaces (kebab-case
 * method names under the prefix, nested interfaces as groups, {@code @WithName}, {@code @WithParentName},
 * {@code @WithDefault}, {@code Map<String, ...>} as {@code *}) and of its {@code @ConfigProperty} injection points.
 * It reads source text, not classes, so that it needs none of the services on the test classpath.
 */
final class JavaConfigScanner {

    /** A key, its default if the source gives one, and whether the service needs a value (a mapping's non-optional key). */
    record Key(String name, Optional<String> defaultValue, String source, boolean required) {
    }

    private static final Pattern MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"[^)]*\\)[^{]*?interface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\s*\\([^)]*\\))?\\s*)*)([\\w.]+(?:\\s*<[^;(){}]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern PROPERTY = Pattern.compile(
            "@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"(?:\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\")?");

    private JavaConfigScanner() {
    }

    static List<Key> keys(String file, String text) {
        String code = stripComments(text);
        List<Key> keys = new ArrayList<>();
        Matcher property = PROPERTY.matcher(code);
        while (property.find()) {
            keys.add(new Key(property.group(1), Optional.ofNullable(property.group(2)), file, false));
        }
        Matcher mapping = MAPPING.matcher(code);
        if (mapping.find()) {
            Map<String, String> bodies = interfaceBodies(code);
            walk(mapping.group(1), mapping.group(2), bodies, keys, file);
        }
        return keys;
    }

    private static void walk(String prefix, String type, Map<String, String> bodies, List<Key> keys, String file) {
        String members = withoutNestedBlocks(bodies.get(type));
        Matcher method = METHOD.matcher(members);
        while (method.find()) {
            if (members.substring(0, method.start(2)).stripTrailing().endsWith("default")) {
                continue; // a default method computes, it reads nothing
            }
            String annotations = method.group(1);
            String returnType = method.group(2).replaceAll("\\s+", "");
            String name = annotation(annotations, "WithName").orElse(kebab(method.group(3)));
            String key = annotations.contains("@WithParentName") ? prefix : prefix + "." + name;
            Optional<String> defaultValue = annotation(annotations, "WithDefault");
            boolean optional = returnType.startsWith("Optional");
            String inner = returnType.replaceFirst("^Optional<(.*)>$", "$1");
            if (inner.startsWith("Map<")) {
                String value = inner.substring(inner.indexOf(',') + 1, inner.length() - 1);
                if (bodies.containsKey(simple(value))) {
                    walk(key + ".*", simple(value), bodies, keys, file);
                } else {
                    keys.add(new Key(key + ".*", defaultValue, file, false));
                }
            } else if (bodies.containsKey(simple(inner))) {
                walk(key, simple(inner), bodies, keys, file);
            } else {
                keys.add(new Key(key, defaultValue, file, !optional && defaultValue.isEmpty()));
            }
        }
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static Optional<String> annotation(String annotations, String name) {
        Matcher m = Pattern.compile("@" + name + "\\s*\\(\\s*\"([^\"]*)\"\\s*\\)").matcher(annotations);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Each interface's body (between its braces), by simple name. */
    private static Map<String, String> interfaceBodies(String code) {
        Map<String, String> bodies = new HashMap<>();
        Matcher m = INTERFACE.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            bodies.put(m.group(1), code.substring(open + 1, close(code, open)));
        }
        return bodies;
    }

    private static int close(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    private static String withoutNestedBlocks(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(';'); // a nested interface or default method ends here
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Java source without comments; string and character literals are kept as they are. */
    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                if (c == '"' && text.startsWith("\"\"\"", i)) {
                    j = text.indexOf("\"\"\"", i + 3) + 3;
                } else {
                    while (j < text.length() && text.charAt(j) != c) {
                        j += text.charAt(j) == '\\' ? 2 : 1;
                    }
                    j++;
                }
                out.append(text, i, j);
                i = j;
            } else if (text.startsWith("//", i)) {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (text.startsWith("/*", i)) {
                i = text.indexOf("*/", i + 2) + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** SmallRye Config's environment variable for a key: upper case, every other character than a letter or digit _. */
    static String envName(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return out.toString();
    }

    static Map<String, Key> byName(List<Key> keys) {
        Map<String, Key> map = new LinkedHashMap<>();
        keys.forEach(k -> map.putIfAbsent(k.name(), k));
        return map;
    }
}
