package org.memoria.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image layout in a tarball, read with nothing but the OCI image specification: {@code index.json}, the
 * manifest it points at, the configuration and layers that names, each blob checked against its digest and each
 * layer's content against the configuration's {@code diff_ids}.
 */
final class OciImage {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A file system entry of a layer, its path absolute and without a trailing slash. */
    record Entry(String path, boolean directory, boolean link, int mode, long uid, long gid, long size, Instant modified) {

        boolean executableByAll() {
            return (mode & 0111) == 0111;
        }
    }

    record Layer(String digest, long size, String diffId, List<Entry> entries) {
    }

    final Path tar;
    final JsonNode index;
    final JsonNode manifest;
    final JsonNode config;
    final List<Layer> layers;

    private OciImage(Path tar, JsonNode index, JsonNode manifest, JsonNode config, List<Layer> layers) {
        this.tar = tar;
        this.index = index;
        this.manifest = manifest;
        this.config = config;
        this.layers = layers;
    }

    static OciImage read(Path tar) throws IOException {
        Map<String, byte[]> documents = new HashMap<>();
        Map<String, Layer> layers = new HashMap<>();
        boolean layout = false;
        try (TarArchiveInputStream outer = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry e; (e = outer.getNextEntry()) != null; ) {
                if (e.getName().equals("oci-layout")) {
                    layout = JSON.readTree(outer.readAllBytes()).path("imageLayoutVersion").asText().equals("1.0.0");
                } else if (e.getName().equals("index.json")) {
                    documents.put("index.json", outer.readAllBytes());
                } else if (e.getName().startsWith("blobs/sha256/")) {
                    String digest = "sha256:" + e.getName().substring("blobs/sha256/".length());
                    BufferedInputStream in = new BufferedInputStream(outer);
                    in.mark(2);
                    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
                    in.reset();
                    if (gzip) {
                        layers.put(digest, layer(digest, e.getSize(), in));
                    } else {
                        byte[] bytes = in.readAllBytes();
                        check(digest, sha256(bytes), e.getName());
                        documents.put(digest, bytes);
                    }
                }
            }
        }
        if (!layout) {
            throw new IllegalStateException(tar + " is not an OCI image layout (oci-layout)");
        }
        JsonNode index = JSON.readTree(documents.get("index.json"));
        if (index.path("manifests").size() != 1) {
            throw new IllegalStateException(tar + ": index.json names " + index.path("manifests").size() + " manifests, not 1");
        }
        JsonNode manifest = JSON.readTree(documents.get(index.path("manifests").get(0).path("digest").asText()));
        JsonNode config = JSON.readTree(documents.get(manifest.path("config").path("digest").asText()));
        List<Layer> ordered = new ArrayList<>();
        int i = 0;
        for (JsonNode descriptor : manifest.path("layers")) {
            Layer layer = layers.get(descriptor.path("digest").asText());
            if (layer == null || layer.size() != descriptor.path("size").asLong()) {
                throw new IllegalStateException(tar + ": layer " + descriptor + " is missing or of another size");
            }
            check(config.path("rootfs").path("diff_ids").path(i++).asText(), layer.diffId(), "diff_id of " + layer.digest());
            ordered.add(layer);
        }
        return new OciImage(tar, index, manifest, config, List.copyOf(ordered));
    }

    /** The image's file system: every layer's entries, a later layer's over an earlier one's. */
    Map<String, Entry> files() {
        Map<String, Entry> files = new LinkedHashMap<>();
        for (Layer layer : layers) {
            for (Entry e : layer.entries()) {
                files.put(e.path(), e);
            }
        }
        return files;
    }

    String refName() {
        return index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText();
    }

    /** {@code NAME=value} lines of the configuration's Env, as a map. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode line : config.path("config").path("Env")) {
            String s = line.asText();
            env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        return env;
    }

    List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        config.path("config").path(field).forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The content of one file, from the last layer that has it. */
    byte[] content(String path) throws IOException {
        for (Layer layer : layers.reversed()) {
            if (layer.entries().stream().noneMatch(e -> e.path().equals(path) && !e.directory())) {
                continue;
            }
            try (TarArchiveInputStream outer = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
                for (TarArchiveEntry e; (e = outer.getNextEntry()) != null; ) {
                    if (e.getName().equals("blobs/sha256/" + layer.digest().substring("sha256:".length()))) {
                        TarArchiveInputStream files = new TarArchiveInputStream(new GZIPInputStream(outer, 1 << 16));
                        for (TarArchiveEntry f; (f = files.getNextEntry()) != null; ) {
                            if (("/" + f.getName()).equals(path)) {
                                return files.readAllBytes();
                            }
                        }
                    }
                }
            }
        }
        throw new IllegalStateException(tar + " has no file " + path);
    }

    /** Unpacks the layers in order into {@code root}, with their permissions (as a container runtime would). */
    void extract(Path root) throws IOException {
        for (Layer layer : layers) {
            try (TarArchiveInputStream outer = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
                for (TarArchiveEntry e; (e = outer.getNextEntry()) != null; ) {
                    if (e.getName().equals("blobs/sha256/" + layer.digest().substring("sha256:".length()))) {
                        unpack(new TarArchiveInputStream(new GZIPInputStream(outer, 1 << 16)), root);
                        break;
                    }
                }
            }
        }
    }

    private static void unpack(TarArchiveInputStream layer, Path root) throws IOException {
        for (TarArchiveEntry e; (e = layer.getNextEntry()) != null; ) {
            Path target = root.resolve(e.getName()).normalize();
            if (!target.startsWith(root)) {
                throw new IllegalStateException("layer entry outside the root: " + e.getName());
            }
            if (e.isDirectory()) {
                Files.createDirectories(target);
            } else if (e.isSymbolicLink()) {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                continue;
            } else {
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    layer.transferTo(out);
                }
            }
            Files.setPosixFilePermissions(target, permissions(e.getMode()));
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** Layers already listed, by digest: the images share their two bottom layers, which need listing only once. */
    private static final Map<String, Layer> LISTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Layer layer(String digest, long size, InputStream blob) throws IOException {
        Layer listed = LISTED.get(digest);
        if (listed != null) {
            MessageDigest compressed = sha256();
            new DigestInputStream(blob, compressed).transferTo(OutputStream.nullOutputStream());
            check(digest, "sha256:" + HexFormat.of().formatHex(compressed.digest()), "layer blob");
            return listed;
        }
        Layer layer = list(digest, size, blob);
        LISTED.put(digest, layer);
        return layer;
    }

    private static Layer list(String digest, long size, InputStream blob) throws IOException {
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        List<Entry> entries = new ArrayList<>();
        DigestInputStream gz = new DigestInputStream(blob, compressed);
        DigestInputStream raw = new DigestInputStream(new GZIPInputStream(gz, 1 << 16), uncompressed);
        TarArchiveInputStream tar = new TarArchiveInputStream(raw);
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            String name = "/" + e.getName().replaceAll("/+$", "");
            entries.add(new Entry(name, e.isDirectory(), e.isSymbolicLink() || e.isLink(), e.getMode() & 07777,
                    e.getLongUserId(), e.getLongGroupId(), e.getSize(), e.getModTime().toInstant()));
        }
        raw.transferTo(OutputStream.nullOutputStream()); // the tar's end-of-archive padding counts in the digest
        gz.transferTo(OutputStream.nullOutputStream());
        check(digest, "sha256:" + HexFormat.of().formatHex(compressed.digest()), "layer blob");
        return new Layer(digest, size, "sha256:" + HexFormat.of().formatHex(uncompressed.digest()), List.copyOf(entries));
    }

    private static void check(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": digest " + actual + ", expected " + expected);
        }
    }

    private static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
