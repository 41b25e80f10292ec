package org.memoria.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's files as the tests read them: from the working tree, unless a test replaced one (to show that a
 * change the manifests do not follow is caught).
 */
final class Repo {

    private final Path root;
    private final Map<String, String> replaced;

    private Repo(Path root, Map<String, String> replaced) {
        this.root = root;
        this.replaced = replaced;
    }

    /** The repository this build runs in ({@code memoria.root}, set by the module's pom). */
    static Repo current() {
        String root = System.getProperty("memoria.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (path != null && !Files.isRegularFile(path.resolve("mvnw"))) {
            path = path.getParent();
        }
        if (path == null) {
            throw new IllegalStateException("cannot find the repository root (memoria.root)");
        }
        return new Repo(path.toAbsolutePath().normalize(), Map.of());
    }

    Path root() {
        return root;
    }

    Path kubernetes() {
        return root.resolve("deploy/kubernetes");
    }

    boolean exists(String relative) {
        return replaced.containsKey(relative) || Files.isRegularFile(root.resolve(relative));
    }

    String read(String relative) {
        String text = replaced.get(relative);
        if (text != null) {
            return text;
        }
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative paths of the .java files under a folder of the repository. */
    List<String> javaFiles(String folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted()
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same repository with one file's text changed: {@code from} must occur in it. */
    Repo edit(String relative, String from, String to) {
        String text = read(relative);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(relative + " does not contain " + from);
        }
        Map<String, String> copy = new HashMap<>(replaced);
        copy.put(relative, text.replace(from, to));
        return new Repo(root, copy);
    }
}
