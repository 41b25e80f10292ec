package org.memoria.partner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows Memoria's change feed (IIIF Change Discovery) from the start, or from where it stopped, and hands every
 * activity to {@code apply} once, oldest first. Keep {@link #page()} and {@link #applied()} with your data to resume
 * after a restart.
 */
public final class FeedFollower {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI feed;
    private URI page; // the last page processed
    private int applied; // how many of its activities were applied

    public FeedFollower(URI feed, URI page, int applied) {
        this.feed = feed;
        this.page = page;
        this.applied = applied;
    }

    /** Applies every activity not applied yet and returns at the end of the feed; call it again to poll. */
    public void follow(Consumer<JsonNode> apply) throws IOException, InterruptedException {
        URI next = page != null ? page : URI.create(get(feed).path("first").path("id").asText());
        int skip = page != null ? applied : 0;
        while (next != null) {
            JsonNode current = get(next);
            JsonNode items = current.path("orderedItems");
            for (int i = skip; i < items.size(); i++) {
                apply.accept(items.get(i)); // Create/Update: GET object.id (unless you hold object.version); Delete: remove
                page = next;
                applied = i + 1;
            }
            page = next;
            applied = items.size();
            skip = 0;
            next = current.has("next") ? URI.create(current.path("next").path("id").asText()) : null;
        }
    }

    public URI page() {
        return page;
    }

    public int applied() {
        return applied;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }
}
