package org.memoria.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;

import org.memoria.local.LocalStack;

/**
 * Builds one OCI image tarball per service from scratch, with Jib and without a Docker engine or a registry:
 * {@code <output>/<service>.tar}, named {@code memoria/<service>:<version>} as the Kubernetes overlays expect.
 *
 * <p>Layers, from the bottom: the runtime ({@link JavaRuntime}, the same in every image), the dependency jars that
 * all the services share byte for byte (the same in every image too), the service's other dependencies, and the
 * application itself (Quarkus's generated classes, the service's jar, {@code quarkus-run.jar}). A registry and a
 * node store the first two once for the four images, and a new build of the code changes only the top layer.
 *
 * <p>Arguments: {@code --root=} the repository, {@code --version=}, {@code --output=}, {@code --work=} (a folder of
 * this module's target), {@code --licenses=}, {@code --source=} (may be empty), then the service modules.
 */
public final class ImageBuilder {

    static final String DEPLOYMENTS = "/deployments";
    /** Fixed creation time and file times, so that the same inputs give the same image. */
    static final Instant EPOCH = Instant.EPOCH;

    private ImageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> modules = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                modules.add(arg);
            }
        }
        Path root = Path.of(required(options, "root")).toAbsolutePath().normalize();
        Path output = Path.of(required(options, "output"));
        Path work = Path.of(required(options, "work"));
        String version = required(options, "version");
        Files.createDirectories(output);
        Files.createDirectories(work);

        long started = System.nanoTime();
        List<ServiceApp> services = new ArrayList<>();
        for (String module : modules) {
            services.add(ServiceApp.read(root, module));
        }
        Path runtime = JavaRuntime.stage(work);
        FileEntriesLayer runtimeLayer = treeLayer("runtime", runtime);
        Duration staged = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Path> shared = sharedDependencies(services);
        FileEntriesLayer sharedLayer = filesLayer("dependencies", shared);

        System.out.printf("[images] runtime staged in %.1f s; %d dependency jars shared by all %d services%n",
                staged.toMillis() / 1000.0, shared.size(), services.size());
        for (ServiceApp service : services) {
            long t = System.nanoTime();
            Path tar = output.resolve(service.name() + ".tar");
            JibContainerBuilder image = Jib.fromScratch()
                    .setFormat(ImageFormat.OCI)
                    .setPlatforms(Set.of(new Platform(architecture(), "linux")))
                    .setCreationTime(EPOCH)
                    .addFileEntriesLayer(runtimeLayer)
                    .addFileEntriesLayer(sharedLayer)
                    .addFileEntriesLayer(filesLayer("service-dependencies", service.files(p -> p.startsWith("lib/")
                            && !shared.containsKey(p))))
                    .addFileEntriesLayer(filesLayer("application", service.files(p -> !p.startsWith("lib/"))))
                    .setEntrypoint(entrypoint())
                    .setEnvironment(environment())
                    .setUser(JavaRuntime.UID + ":" + JavaRuntime.UID)
                    .setWorkingDirectory(AbsoluteUnixPath.get(DEPLOYMENTS))
                    .setExposedPorts(Set.of(Port.tcp(service.port())))
                    .setLabels(labels(service, version, options));
            JibContainer result = image.containerize(Containerizer
                    .to(TarImage.at(tar).named("memoria/" + service.name() + ":" + version))
                    .setApplicationLayersCache(work.resolve("jib-cache"))
                    .setBaseImageLayersCache(work.resolve("jib-base-cache"))
                    .setOfflineMode(true)
                    .setToolName("memoria-images")
                    .setToolVersion(version)
                    .addEventHandler(LogEvent.class, ImageBuilder::log));
            System.out.printf("[images] %s: %s, %.1f MB, %s, in %.1f s%n", result.getTargetImage(), tar,
                    Files.size(tar) / 1e6, result.getDigest(), (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("[images] %d images in %.1f s%n", services.size(), (System.nanoTime() - started) / 1e9);
    }

    /** {@code java -jar quarkus-run.jar}; the JVM options are in JAVA_TOOL_OPTIONS, where a Deployment may replace them. */
    static List<String> entrypoint() {
        return List.of(JavaRuntime.JAVA_HOME + "/bin/java", "-jar", DEPLOYMENTS + "/quarkus-run.jar");
    }

    static Map<String, String> environment() {
        Map<String, String> env = new TreeMap<>();
        env.put("JAVA_HOME", JavaRuntime.JAVA_HOME);
        env.put("PATH", JavaRuntime.JAVA_HOME + "/bin");
        env.put("LANG", "C.UTF-8");
        // read by the JVM before its command line: the benchmark's options, as a default a Deployment may replace
        env.put("JAVA_TOOL_OPTIONS", String.join(" ", LocalStack.JVM_OPTIONS));
        // in a container the server must listen on every interface (the services' own default is 127.0.0.1)
        env.put("QUARKUS_HTTP_HOST", "0.0.0.0");
        return env;
    }

    static Map<String, String> labels(ServiceApp service, String version, Map<String, String> options) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", service.name());
        labels.put("org.opencontainers.image.description", service.description());
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.licenses", required(options, "licenses"));
        String source = options.getOrDefault("source", "");
        if (!source.isBlank()) {
            labels.put("org.opencontainers.image.source", source);
        }
        return labels;
    }

    /** The jars under {@code lib/} that every service has, with the same content: relative path to one copy. */
    static Map<String, Path> sharedDependencies(List<ServiceApp> services) throws IOException {
        Map<String, String> first = null;
        for (ServiceApp service : services) {
            Map<String, String> digests = new TreeMap<>();
            for (Map.Entry<String, Path> file : service.files(p -> p.startsWith("lib/")).entrySet()) {
                digests.put(file.getKey(), sha256(file.getValue()));
            }
            if (first == null) {
                first = digests;
            } else {
                first.entrySet().retainAll(digests.entrySet());
            }
        }
        Map<String, Path> shared = new TreeMap<>();
        if (first != null) {
            // one service's copies stand for all: the same source files let Jib's cache find the layer again
            for (String path : first.keySet()) {
                shared.put(path, services.getFirst().app().resolve(path));
            }
        }
        return shared;
    }

    /** A layer of files under {@value #DEPLOYMENTS}, readable by everyone, writable by no one but root. */
    static FileEntriesLayer filesLayer(String name, Map<String, Path> files) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        files.forEach((path, source) -> layer.addEntry(source, AbsoluteUnixPath.get(DEPLOYMENTS + "/" + path),
                FilePermissions.DEFAULT_FILE_PERMISSIONS, EPOCH));
        return layer.build();
    }

    /**
     * A staged folder as a layer at the image's root: files 755 where the staged file is executable by its owner, else
     * 644, whatever the build's umask; a folder appears on its own only when it is empty, with its staged permissions
     * (/tmp), the others Jib adds with 755.
     */
    static FileEntriesLayer treeLayer(String name, Path root) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted().toList()) {
                if (file.equals(root)) {
                    continue;
                }
                boolean directory = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
                if (directory && !isEmpty(file)) {
                    continue;
                }
                Set<PosixFilePermission> staged = Files.getPosixFilePermissions(file);
                FilePermissions permissions = directory ? FilePermissions.fromPosixFilePermissions(staged)
                        : staged.contains(PosixFilePermission.OWNER_EXECUTE) ? FilePermissions.fromOctalString("755")
                        : FilePermissions.DEFAULT_FILE_PERMISSIONS;
                layer.addEntry(file, AbsoluteUnixPath.get("/" + root.relativize(file).toString().replace('\\', '/')),
                        permissions, EPOCH);
            }
        }
        return layer.build();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** The image's architecture in OCI's terms: the runtime and its C libraries are this machine's. */
    static String architecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> throw new IllegalStateException("no OCI architecture for os.arch " + System.getProperty("os.arch"));
        };
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(LogEvent event) {
        if (event.getLevel() == LogEvent.Level.ERROR || event.getLevel() == LogEvent.Level.WARN) {
            System.out.println("[images] " + event.getLevel() + " " + event.getMessage());
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }
}
