package org.memoria.images;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of an unpacked image the way a container runtime would, without one: in a mount namespace of its own
 * ({@code unshare}), with the image's root as the process's root, mounted read-only (as the Deployments'
 * {@code readOnlyRootFilesystem} has it), a tmpfs on {@code /tmp}, {@code /proc}, {@code /dev} and the host's
 * {@code /etc/hosts} and {@code /etc/resolv.conf}, as the image's user and in its working directory, with only the
 * environment given. The network is the host's, so the process reaches the test's PostgreSQL and Kafka on
 * 127.0.0.1. Needs root (CI runs as root) and util-linux's {@code unshare}; elsewhere {@link #available()} says no.
 */
final class Container {

    private static final String MOUNTS = """
            set -e
            r=$1; shift
            mount --bind "$r" "$r"
            mount -t proc proc "$r/proc"
            mount --bind /dev "$r/dev"
            mount -t tmpfs -o mode=1777,size=128m tmpfs "$r/tmp"
            for f in hosts resolv.conf; do
              if [ -e "/etc/$f" ]; then mount --bind "/etc/$f" "$r/etc/$f"; fi
            done
            mount -o remount,bind,ro "$r"
            exec "$@"
            """;

    private Container() {
    }

    /** Whether this machine can run an image's command isolated: root, and unshare can make a mount namespace. */
    static Optional<String> unavailableBecause() {
        try {
            if (!executable("unshare").isPresent() || !executable("env").isPresent()) {
                return Optional.of("util-linux's unshare is not installed");
            }
            Process p = new ProcessBuilder(executable("unshare").get().toString(), "--mount", "--fork", "true")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.of("unshare --mount fails here (needs root): " + out.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(e.toString());
        }
    }

    static boolean available() {
        return unavailableBecause().isEmpty();
    }

    /**
     * Starts {@code command} in the unpacked image at {@code root} as {@code user} ("uid:gid") in {@code workingDir},
     * with exactly {@code environment}; its output goes to {@code log}.
     */
    static Process start(Path root, String user, String workingDir, Map<String, String> environment, List<String> command,
            Path log) throws IOException {
        for (String dir : List.of("proc", "dev", "tmp")) {
            Files.createDirectories(root.resolve(dir));
        }
        for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
            if (!Files.exists(root.resolve(file))) {
                Files.createFile(root.resolve(file));
            }
        }
        String[] ids = user.split(":");
        String unshare = executable("unshare").orElseThrow().toString();
        List<String> argv = new ArrayList<>(List.of(unshare, "--mount", "--fork", "/bin/sh", "-c", MOUNTS, "sh",
                root.toString(), executable("env").orElseThrow().toString(), "-i"));
        environment.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(List.of(unshare, "--root=" + root, "--wd=" + workingDir, "--setgid=" + ids[ids.length - 1],
                "--setuid=" + ids[0], "--"));
        argv.addAll(command);
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Ends the process and what it started (SIGTERM, then SIGKILL after {@code seconds}); returns its exit code. */
    static int stop(Process process, int seconds) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    private static Optional<Path> executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
