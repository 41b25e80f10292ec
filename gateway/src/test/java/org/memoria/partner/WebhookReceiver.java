package org.memoria.partner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;

/**
 * Receives Memoria's webhooks at {@code /memoria/hooks}: verifies every delivery with the Standard Webhooks library
 * ({@code com.standardwebhooks:standardwebhooks}) and hands each change to {@code apply} once.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> applied = ConcurrentHashMap.newKeySet(); // the webhook-ids applied: keep them in your database
    private final HttpServer server;

    public WebhookReceiver(InetSocketAddress address, String secret, Consumer<JsonNode> apply) throws Exception {
        Webhook webhook = new Webhook(secret);
        server = HttpServer.create(address, 0);
        server.createContext("/memoria/hooks", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                try {
                    webhook.verify(body, exchange.getRequestHeaders()); // forged, altered or more than 5 minutes old
                } catch (WebhookVerificationException e) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                String id = exchange.getRequestHeaders().getFirst("webhook-id"); // the same on every retry
                if (!applied.contains(id)) {
                    apply.accept(json.readTree(body).path("data").path("activity")); // GET object.id, or delete
                    applied.add(id);
                }
                exchange.sendResponseHeaders(204, -1); // any 2xx; anything else is retried
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
