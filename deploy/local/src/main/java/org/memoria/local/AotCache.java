package org.memoria.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JDK 25's ahead-of-time cache (JEP 483, 514, 515) of the services' packaged applications, kept in one folder and
 * made by the services' own runs: a service whose cache is missing starts with {@code -XX:AOTCacheOutput} (a training
 * run: the JVM records the classes it loads and the methods it profiles, and writes the cache when it exits), the next
 * start uses it with {@code -XX:AOTCache}. A cache is named by its key, which changes with the application's files,
 * the JDK and the JVM options, so a rebuilt jar or another JDK trains a new one; a cache the JVM finds unusable anyway
 * (docs/decisions/0021) it ignores with a warning, and the service starts without it.
 */
public final class AotCache {

    /** What this JVM does with a cache: use one, or train one into a temporary file that {@link #publish} names. */
    public record Launch(String name, List<String> options, Path training, Path cache) {

        public boolean trains() {
            return training != null;
        }
    }

    private final Path directory;

    public AotCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /**
     * The options for a JVM that runs {@code app} (a {@code quarkus-app} folder) with {@code jvmOptions}: use the
     * cache when it is there, else train it.
     */
    public Launch launch(String name, Path app, List<String> jvmOptions) throws IOException {
        Path cache = directory.resolve(name + "-" + key(app, jvmOptions) + ".aot");
        if (Files.isRegularFile(cache)) {
            return new Launch(name, List.of("-XX:AOTCache=" + cache), null, cache);
        }
        Files.createDirectories(directory);
        // each training run writes a file of its own, so that two stacks training at once do not mix their output
        Path training = directory.resolve(name + "-" + UUID.randomUUID() + ".training");
        return new Launch(name, List.of("-XX:AOTCacheOutput=" + training), training, cache);
    }

    /**
     * After a training run's JVM exited: names the cache it wrote (none when it was killed), and removes what is left
     * of the training and the caches of the same application that this one replaces. Returns whether a cache is now
     * in place.
     */
    public boolean publish(Launch launch) {
        if (!launch.trains()) {
            return Files.isRegularFile(launch.cache());
        }
        try {
            if (Files.isRegularFile(launch.training()) && Files.size(launch.training()) > 0
                    && !Files.exists(launch.cache())) {
                try {
                    Files.move(launch.training(), launch.cache(), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(launch.training(), launch.cache());
                }
                String mine = launch.cache().getFileName().toString();
                try (Stream<Path> older = Files.list(directory)) {
                    for (Path p : older.filter(p -> !p.getFileName().toString().equals(mine)
                            && p.getFileName().toString().matches(Pattern.quote(launch.name()) + "-\\p{XDigit}{24}\\.aot"))
                            .toList()) {
                        Files.deleteIfExists(p); // an older jar's or JDK's
                    }
                }
            }
            try (Stream<Path> leftovers = Files.list(directory)) {
                String prefix = launch.training().getFileName().toString();
                for (Path p : leftovers.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.deleteIfExists(p); // the training file itself, and the JVM's .config of it
                }
            }
        } catch (IOException e) {
            // a cache not kept only means the next start trains again
        }
        return Files.isRegularFile(launch.cache());
    }

    /**
     * SHA-256 of the JDK (version and VM), the JVM options, and every file of the application by path, size and
     * modification time: what a cache was trained with. (The JVM itself checks the class path's jars by size and time,
     * and refuses a cache of another JDK.)
     */
    public static String key(Path app, List<String> jvmOptions) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        line(sha, System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version") + " "
                + System.getProperty("java.home"));
        line(sha, String.join(" ", jvmOptions));
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                line(sha, app.relativize(file) + " " + a.size() + " " + a.lastModifiedTime().toMillis());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    private static void line(MessageDigest sha, String text) {
        sha.update((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
