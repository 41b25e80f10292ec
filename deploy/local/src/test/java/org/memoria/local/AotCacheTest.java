package org.memoria.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx64m");

    @TempDir
    Path dir;

    private Path app() throws IOException {
        Path app = dir.resolve("quarkus-app");
        Files.createDirectories(app.resolve("lib/main"));
        Files.writeString(app.resolve("quarkus-run.jar"), "runner");
        Files.writeString(app.resolve("lib/main/a.jar"), "a");
        return app;
    }

    @Test
    void theKeyChangesWithTheApplicationsFilesAndTheJvmOptionsOnly() throws IOException {
        Path app = app();
        String key = AotCache.key(app, OPTIONS);
        assertEquals(key, AotCache.key(app, OPTIONS), "the same files and options, the same key");
        assertNotEquals(key, AotCache.key(app, List.of("-XX:+UseSerialGC", "-Xmx128m")));
        Files.setLastModifiedTime(app.resolve("lib/main/a.jar"), FileTime.fromMillis(0));
        String touched = AotCache.key(app, OPTIONS);
        assertNotEquals(key, touched, "a rebuilt jar (its time)");
        Files.writeString(app.resolve("lib/main/a.jar"), "ab");
        Files.setLastModifiedTime(app.resolve("lib/main/a.jar"), FileTime.fromMillis(0));
        assertNotEquals(touched, AotCache.key(app, OPTIONS), "a rebuilt jar (its size)");
        Files.writeString(app.resolve("lib/main/b.jar"), "b");
        assertNotEquals(touched, AotCache.key(app, OPTIONS), "a new jar");
    }

    @Test
    void aServiceTrainsItsCacheWhenThereIsNoneAndUsesItOnceATrainingRunWroteIt() throws IOException {
        Path app = app();
        AotCache caches = new AotCache(dir.resolve("aot"));
        AotCache.Launch first = caches.launch("people-service", app, OPTIONS);
        assertTrue(first.trains());
        assertEquals(List.of("-XX:AOTCacheOutput=" + first.training()), first.options());

        // killed before it wrote anything: nothing is kept, and the next start trains again
        assertFalse(caches.publish(first));
        assertTrue(caches.launch("people-service", app, OPTIONS).trains());

        AotCache.Launch second = caches.launch("people-service", app, OPTIONS);
        Files.writeString(second.training(), "the cache");
        Files.writeString(Path.of(second.training() + ".config"), "the JVM's configuration file");
        assertTrue(caches.publish(second));
        AotCache.Launch third = caches.launch("people-service", app, OPTIONS);
        assertFalse(third.trains());
        assertEquals(List.of("-XX:AOTCache=" + second.cache()), third.options());
        assertEquals(List.of(second.cache()), files(caches.directory()), "the training's files are gone");

        // the jar is rebuilt: a new training, whose cache replaces the old one
        Files.writeString(app.resolve("lib/main/a.jar"), "rebuilt");
        AotCache.Launch rebuilt = caches.launch("people-service", app, OPTIONS);
        assertTrue(rebuilt.trains());
        Files.writeString(rebuilt.training(), "the new cache");
        assertTrue(caches.publish(rebuilt));
        assertEquals(List.of(rebuilt.cache()), files(caches.directory()));
        assertNotEquals(second.cache(), rebuilt.cache());
    }

    @Test
    void anotherServicesCacheIsKept() throws IOException {
        Path app = app();
        AotCache caches = new AotCache(dir.resolve("aot"));
        AotCache.Launch people = caches.launch("people-service", app, OPTIONS);
        Files.writeString(people.training(), "p");
        caches.publish(people);
        AotCache.Launch events = caches.launch("events-service", app, OPTIONS);
        Files.writeString(events.training(), "e");
        caches.publish(events);
        assertEquals(List.of(events.cache(), people.cache()), files(caches.directory()));
    }

    /** What the JVM does with the options {@link AotCache} gives it: the real JDK, trained and then used. */
    @Test
    void theJvmWritesTheCacheAtExitUsesItAndStartsWithoutOneItCannotUse() throws Exception {
        Path app = app();
        AotCache caches = new AotCache(dir.resolve("aot"));
        AotCache.Launch training = caches.launch("jdk", app, OPTIONS);
        assertEquals(0, java(training.options(), "-version").exit);
        assertTrue(caches.publish(training), "the training run wrote the cache as it exited");

        AotCache.Launch using = caches.launch("jdk", app, OPTIONS);
        Run used = java(using.options(), "-Xlog:aot", "-version");
        assertEquals(0, used.exit);
        assertTrue(used.output.contains("Opened AOT cache"), used.output);

        Files.writeString(using.cache(), "not a cache: a truncated or foreign file");
        Run unusable = java(using.options(), "-version");
        assertEquals(0, unusable.exit, unusable.output);
        assertTrue(unusable.output.contains("Unable to map shared spaces"), unusable.output);
    }

    private record Run(int exit, String output) {
    }

    private static Run java(List<String> aot, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(aot);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), output);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
