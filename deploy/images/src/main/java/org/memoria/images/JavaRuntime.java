package org.memoria.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bottom layer every image shares, staged as a folder that mirrors the image's file system: a Java runtime linked
 * from this build's JDK ({@code jlink}, into {@value #JAVA_HOME}), the C libraries its binaries need, copied from this
 * machine ({@code ldd} names them), the C.UTF-8 locale, {@code /etc/passwd} and {@code /etc/group} with the user the
 * services run as, and an empty {@code /tmp}. Staged once per build and left alone while its inputs are unchanged,
 * so that Jib's layer cache finds it again (its cache key includes the files' modification times).
 */
final class JavaRuntime {

    static final String JAVA_HOME = "/opt/java";
    static final int UID = 185;
    static final String USER = "memoria";

    /**
     * What Quarkus and the services' libraries use, found with {@code jdeps} over every jar of the four services (the
     * analysis is in docs/decisions/0011): the JDK modules they import, plus java.rmi (JTA's exceptions extend
     * RemoteException), jdk.zipfs (libraries that open jars as file systems), jdk.jfr (flight recordings in
     * production: {@code -XX:StartFlightRecording} through JAVA_TOOL_OPTIONS). The image test starts the gateway with
     * this runtime.
     */
    static final List<String> MODULES = List.of("java.base", "java.desktop", "java.logging", "java.management",
            "java.naming", "java.net.http", "java.rmi", "java.security.jgss", "java.security.sasl", "java.sql",
            "java.transaction.xa", "java.xml", "jdk.jfr", "jdk.management", "jdk.unsupported", "jdk.zipfs");

    /**
     * No compression of the module image (the layer is gzipped anyway, and an uncompressed one is read faster at
     * start), the JDK's class-data sharing archive for these modules, and none of java.desktop's native libraries that
     * need X11 or ALSA (headless use of java.beans never loads them).
     */
    static final List<String> JLINK_OPTIONS = List.of("--strip-debug", "--no-header-files", "--no-man-pages",
            "--generate-cds-archive",
            "--exclude-files=**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so");

    /** Loaded by glibc itself with dlopen (thread cancellation, unwinding), so ldd does not name it. */
    private static final String LIBGCC = "libgcc_s.so.1";
    private static final Path LOCALE = Path.of("/usr/lib/locale/C.utf8");
    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(\\S+)(?:\\s+=>\\s+(\\S+|not found))?\\s*(?:\\(0x[0-9a-f]+\\))?\\s*$");

    private JavaRuntime() {
    }

    /** Stages the runtime under {@code work/runtime-root} unless the stamp says it is there already. */
    static Path stage(Path work) throws IOException, InterruptedException {
        Path root = work.resolve("runtime-root");
        Path stamp = work.resolve("runtime-root.stamp");
        String fingerprint = String.join("\n", System.getProperty("java.home"), System.getProperty("java.runtime.version"),
                System.getProperty("os.arch"), String.join(",", MODULES), String.join(" ", JLINK_OPTIONS), etcPasswd(),
                run("ldd", "--version").lines().findFirst().orElse(""), ownCode());
        if (Files.isDirectory(root) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
            return root;
        }
        deleteRecursively(root);
        Files.createDirectories(root.resolve("opt"));
        jlink(root.resolve(JAVA_HOME.substring(1)));
        // the class-data archive for heaps of 32 GiB and more (no compressed oops): never used with the services' heaps
        Files.deleteIfExists(root.resolve(JAVA_HOME.substring(1)).resolve("lib/server/classes_nocoops.jsa"));
        copyLibraries(root);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), etcPasswd());
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n" + USER + ":x:" + UID + ":\n");
        Files.writeString(root.resolve("etc/nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        copyTree(LOCALE, root.resolve(LOCALE.toString().substring(1)));
        for (String doc : List.of("libc6", "libgcc-s1")) {
            Path copyright = Path.of("/usr/share/doc", doc, "copyright");
            if (Files.isRegularFile(copyright)) {
                copy(copyright, root.resolve(copyright.toString().substring(1)));
            }
        }
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(stamp, fingerprint);
        return root;
    }

    /** This class's bytecode, so that a change to how the runtime is staged stages it anew. */
    private static String ownCode() throws IOException {
        try (InputStream in = JavaRuntime.class.getResourceAsStream("JavaRuntime.class")) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String etcPasswd() {
        return "root:x:0:0:root:/root:/sbin/nologin\n" + USER + ":x:" + UID + ":" + UID + ":Memoria:/deployments:/sbin/nologin\n";
    }

    /**
     * Runs the JDK's jlink command, not its in-process ToolProvider: the command's launcher sets what makes the output
     * the same for the same inputs (two in-process runs gave different module images), and a layer that stays the
     * same is one a registry and a node already have.
     */
    private static void jlink(Path output) throws IOException, InterruptedException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        if (!Files.isExecutable(jlink)) {
            throw new IllegalStateException("this JDK has no jlink (" + System.getProperty("java.home") + ")");
        }
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES)));
        command.addAll(JLINK_OPTIONS);
        command.addAll(List.of("--output", output.toString()));
        run(command.toArray(String[]::new));
    }

    /**
     * Copies every shared library the runtime's binaries link against (and the dynamic loader) to the same path in the
     * image. A library that ldd cannot find on this machine fails the build.
     */
    private static void copyLibraries(Path root) throws IOException, InterruptedException {
        Path javaHome = root.resolve(JAVA_HOME.substring(1));
        Set<String> needed = new TreeSet<>();
        List<Path> binaries;
        try (Stream<Path> files = Files.walk(javaHome)) {
            binaries = files.filter(Files::isRegularFile).filter(JavaRuntime::isElf).sorted().toList();
        }
        for (Path binary : binaries) {
            needed.addAll(ldd(binary, javaHome));
        }
        String libc = needed.stream().filter(p -> p.endsWith("/libc.so.6")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the runtime links no libc.so.6: only glibc systems can build the images"));
        Path libgcc = Path.of(libc).resolveSibling(LIBGCC);
        if (Files.exists(libgcc)) {
            needed.add(libgcc.toString());
        }
        for (String library : needed) {
            copy(Path.of(library), root.resolve(library.substring(1)));
        }
    }

    /** The absolute paths of the system libraries {@code binary} needs, those inside the runtime left out. */
    static Set<String> ldd(Path binary, Path javaHome) throws IOException, InterruptedException {
        String output = run("ldd", binary.toString());
        Set<String> libraries = new TreeSet<>();
        for (String line : output.split("\n")) {
            Matcher m = LDD_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String path = m.group(2) != null ? m.group(2) : m.group(1);
            if ("not found".equals(path)) {
                if (inside(javaHome, m.group(1))) {
                    continue; // e.g. libjvm.so, which the JVM has loaded before any library that names it
                }
                throw new IllegalStateException(binary + " needs " + m.group(1) + ", which this machine lacks");
            }
            if (path.startsWith("/") && !Path.of(path).normalize().startsWith(javaHome)) {
                libraries.add(path);
            }
        }
        return libraries;
    }

    private static boolean inside(Path javaHome, String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(javaHome)) {
            return files.anyMatch(f -> f.getFileName().toString().equals(fileName));
        }
    }

    /** A command's output; its failure fails the build. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the file a path resolves to (a library's name is often a symbolic link), with its permissions. */
    private static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source.toRealPath(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException(source + " is missing: the images set LANG=C.UTF-8 and carry this machine's "
                    + "C.UTF-8 locale (glibc 2.35 or later has it)");
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted().toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    copy(file, to);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
