package org.memoria.common.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layers of every service, read from the sources: {@code rest} uses {@code service}, which uses {@code domain}
 * and {@code api}, and nothing loops back. A class that imports (or names) a package of its own service is an edge;
 * the test fails on any cycle among a service's packages and on any use of {@code rest} from outside it.
 */
class PackageLayersTest {

    private static final Path ROOT = Path.of(System.getProperty("memoria.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> SERVICES = Map.of("people-service", "org.memoria.people",
            "events-service", "org.memoria.events", "sources-service", "org.memoria.sources", "gateway",
            "org.memoria.gateway");

    @Test
    void noServiceUsesItsRestPackageFromOutsideIt() {
        List<String> wrong = new ArrayList<>();
        SERVICES.forEach((module, base) -> graph(module, base).forEach((from, to) -> {
            if (!from.equals("rest") && to.contains("rest")) {
                wrong.add(module + ": " + from + " -> rest");
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void noServiceHasACycleAmongItsPackages() {
        List<String> cycles = new ArrayList<>();
        SERVICES.forEach((module, base) -> {
            Map<String, Set<String>> graph = graph(module, base);
            assertTrue(graph.containsKey("rest") && graph.containsKey("service"), module + " was read: " + graph);
            for (String start : graph.keySet()) {
                if (reaches(graph, start, start, new TreeSet<>())) {
                    cycles.add(module + ": " + start + " reaches itself through " + graph);
                }
            }
        });
        assertEquals(List.of(), cycles);
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target) || seen.add(next) && reaches(graph, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Each top package of the service (rest, service, api, ...) and the others of the service its classes use. */
    private static Map<String, Set<String>> graph(String module, String base) {
        Path sources = ROOT.resolve(module).resolve("src/main/java").resolve(base.replace('.', '/'));
        Pattern uses = Pattern.compile("\\b" + Pattern.quote(base) + "\\.([a-z]+)\\.");
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // a class at the service's top, such as its application class
                }
                String from = relative.getName(0).toString();
                Set<String> targets = graph.computeIfAbsent(from, f -> new TreeSet<>());
                Matcher m = uses.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        targets.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }
}
