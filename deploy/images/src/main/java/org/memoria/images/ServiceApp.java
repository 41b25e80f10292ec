package org.memoria.images;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One service as its module has it: the name Quarkus gives it, the HTTP port it listens on when packaged (prod
 * profile), its module's description, and its packaged {@code target/quarkus-app}.
 */
record ServiceApp(String module, String name, int port, String description, Path app) {

    static final String COMMON_PROPERTIES = "common/src/main/resources/META-INF/microprofile-config.properties";

    static ServiceApp read(Path root, String module) throws IOException {
        Path dir = root.resolve(module);
        Properties own = properties(dir.resolve("src/main/resources/application.properties"));
        Properties common = properties(root.resolve(COMMON_PROPERTIES));
        String name = own.getProperty("quarkus.application.name");
        if (name == null) {
            throw new IllegalStateException(module + " names no quarkus.application.name");
        }
        int port = Integer.parseInt(packaged("quarkus.http.port", List.of(own, common)).orElse("8080"));
        Matcher description = Pattern.compile("</parent>.*?<description>\\s*(.*?)\\s*</description>", Pattern.DOTALL)
                .matcher(Files.readString(dir.resolve("pom.xml")));
        if (!description.find()) {
            throw new IllegalStateException(module + "/pom.xml has no description (the image's description label)");
        }
        Path app = dir.resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app.resolve("quarkus-run.jar") + " is missing: package " + module + " first");
        }
        return new ServiceApp(module, name, port, description.group(1).replaceAll("\\s+", " "), app);
    }

    /** The packaged application's regular files whose path relative to quarkus-app matches, sorted by that path. */
    Map<String, Path> files(Predicate<String> include) {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(app)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String relative = app.relativize(f).toString().replace('\\', '/');
                if (include.test(relative)) {
                    files.put(relative, f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A key's value in the prod profile: {@code %prod.key} before {@code key}, the first file that has either. */
    static Optional<String> packaged(String key, List<Properties> files) {
        for (Properties p : files) {
            String value = p.getProperty("%prod." + key, p.getProperty(key));
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
