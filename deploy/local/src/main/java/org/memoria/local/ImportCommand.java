package org.memoria.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./memoria import FILE}: uploads an archive (docs/import.md) to the running stack's gateway, follows the job
 * with a progress bar (records done, rate, time left) and prints the summary: counts per kind and the first
 * rejections with their line, key, field and reason. {@code --dry-run} only validates. The token is
 * {@code --token}, else {@code MEMORIA_TOKEN}, else an archivist token signed with the local stack's key.
 * <p>
 * The file goes as it is stored, streamed from the disk with its length (never read into memory): as NDJSON, one
 * record a line ({@code .ndjson}, {@code .jsonl}), or as one JSON document {@code {"records": […]}} ({@code .json}),
 * which the gateway holds to its request body limit. Another name is read as far as its first member: a document's
 * is {@code records}.
 */
public final class ImportCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int BAR = 30;

    private ImportCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit status: 0 when the job ended (rejections are in the summary), 1 when it could not run, 2 usage */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        boolean dryRun = false;
        String token = System.getenv("MEMORIA_TOKEN");
        String url = "http://127.0.0.1:8080";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--token" -> token = ++i < args.length ? args[i] : null;
                case "--url" -> url = ++i < args.length ? args[i] : url;
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        return usage(err, "unknown option " + args[i]);
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            return usage(err, "give the file to import (.ndjson, .jsonl or .json)");
        }
        if (!Files.isReadable(file)) {
            err.println("memoria import: cannot read " + file);
            return 1;
        }
        if (token == null || token.isBlank()) {
            Path data = Path.of(System.getProperty("memoria.data", ".memoria")).toAbsolutePath();
            token = Tokens.inDirectory(data.resolve("keys")).issue(Tokens.ISSUER, "memoria-import", Set.of("archivist"),
                    null, Instant.now().plus(Duration.ofHours(12)));
        }
        String authorization = token.startsWith("Bearer ") ? token : "Bearer " + token;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            boolean document = isDocument(file);
            // ofFile streams the file in chunks and declares its length
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports"
                    + (dryRun ? "?dryRun=true" : ""))).header("Authorization", authorization)
                    .header("Content-Type", document ? "application/json" : "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 202) {
                err.println("memoria import: the gateway answered " + created.statusCode() + ": " + created.body());
                if (created.statusCode() == 413 && document) {
                    err.println("memoria import: a JSON document is held to the gateway's request body limit; give "
                            + "the records as NDJSON (one a line, FILE.ndjson) instead");
                }
                return 1;
            }
            URI job = URI.create(url).resolve(created.headers().firstValue("Location").orElseThrow());
            JsonNode state = JSON.readTree(created.body());
            while (!ended(state)) {
                progress(err, state);
                Thread.sleep(POLL.toMillis());
                HttpResponse<String> polled = http.send(HttpRequest.newBuilder(job).header("Authorization", authorization)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (polled.statusCode() != 200) {
                    err.println();
                    err.println("memoria import: reading " + job + " answered " + polled.statusCode() + ": " + polled.body());
                    return 1;
                }
                state = JSON.readTree(polled.body());
            }
            progress(err, state);
            err.println();
            summary(out, job, state);
            return 0;
        } catch (IOException e) {
            err.println("memoria import: cannot reach the gateway at " + url + " (is ./memoria up running?): " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Whether the file is one JSON document rather than NDJSON: by its name ({@code .json}; {@code .ndjson} and
     * {@code .jsonl} are not), else by its first member, {@code records} for a document.
     */
    static boolean isDocument(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return false;
        }
        if (name.endsWith(".json")) {
            return true;
        }
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            return parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT
                    && parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                    && parser.currentName().equals("records");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false; // the gateway says what is wrong with it, line by line
        }
    }

    private static boolean ended(JsonNode job) {
        String s = job.path("state").asText();
        return s.equals("DONE") || s.equals("CANCELLED");
    }

    /** One line, redrawn: {@code [#####-----]  45%  4,500 of 10,000 records  1,234/s  about 5 s left}. */
    static String bar(JsonNode job) {
        long read = job.path("read").asLong();
        long done = read - job.path("pending").asLong();
        double rate = job.path("ratePerSecond").asDouble(0);
        int filled = read == 0 ? BAR : (int) (BAR * done / read);
        String left = rate > 0 && done < read ? String.format("  about %,d s left", (long) Math.ceil((read - done) / rate))
                : "";
        return String.format("[%s%s] %3d%%  %,d of %,d records  %,.0f/s%s", "#".repeat(filled), "-".repeat(BAR - filled),
                read == 0 ? 100 : 100 * done / read, done, read, rate, left);
    }

    private static void progress(PrintStream err, JsonNode job) {
        err.print("\r" + bar(job));
        err.flush();
    }

    private static void summary(PrintStream out, URI job, JsonNode state) {
        out.printf("%s %s: %,d read, %,d written, %,d unchanged, %,d rejected%n",
                state.path("dryRun").asBoolean() ? "Checked (dry run)" : "Imported", job, state.path("read").asLong(),
                state.path("written").asLong(), state.path("unchanged").asLong(), state.path("rejected").asLong());
        for (Iterator<Map.Entry<String, JsonNode>> kinds = state.path("kinds").fields(); kinds.hasNext();) {
            Map.Entry<String, JsonNode> k = kinds.next();
            out.printf("  %-13s %,8d written %,8d unchanged %,8d rejected%n", k.getKey(), k.getValue().path("written").asLong(),
                    k.getValue().path("unchanged").asLong(), k.getValue().path("rejected").asLong());
        }
        for (JsonNode r : state.path("rejections")) {
            out.printf("  line %d (%s %s) %s: %s%n", r.path("line").asLong(), r.path("kind").asText("?"),
                    r.path("key").asText("?"), r.path("field").asText("-"), r.path("reason").asText());
        }
        if (state.path("rejected").asLong() > state.path("rejections").size()) {
            out.println("  all rejections: GET " + job + "/rejections");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("memoria import: " + problem);
        err.println("usage: ./memoria import FILE.ndjson|FILE.json [--dry-run] [--token TOKEN] [--url http://127.0.0.1:8080]");
        return 2;
    }
}
