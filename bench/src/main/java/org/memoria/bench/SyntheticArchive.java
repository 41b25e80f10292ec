package org.memoria.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthetic archive written through the gateway like any client's: people with accented names and aliases,
 * events with two participants and dates of every EDTF precision, sources with an author. Ids derive from a seed,
 * so a rerun finds what exists (If-None-Match: *) instead of duplicating it.
 */
final class SyntheticArchive {

    static final String[] FIRST = { "Ramón", "José", "María", "Léon", "Natalia", "Sylvia", "Joseph", "Andreu",
            "Zoë", "Émile", "Ignace", "Rudolf", "Erwin", "Hernán", "Lázaro", "Vicente", "Diego", "Frida", "Mark",
            "Jack", "Robert", "Esteban", "Victor", "Dmitri" };
    static final String[] LAST = { "Álvarez", "Núñez", "Müller", "Ortíz", "Dubois", "Kowalski", "Sánchez", "Petrov",
            "Fernández", "Rivière", "Hansen", "Ageloff", "Franklin", "Klement", "Sedov", "Wolf", "Reiss", "Nin",
            "Gómez", "Laborde", "Castañeda", "Zúñiga", "Pujol", "Siqueiros", "Volkov", "Serge", "Soble", "Caldwell" };
    private static final String[] EVENT_TYPES = { "MEETING", "EXILE", "TRIAL", "PUBLICATION", "CONGRESS", "OTHER" };

    final List<UUID> people = new ArrayList<>();
    final List<UUID> events = new ArrayList<>();
    final List<UUID> sources = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    private final String gateway;
    private final String token;
    private final Random random = new Random(1940);

    /** @param token a bearer token that may write (an archivist's) */
    SyntheticArchive(String gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    static UUID id(String kind, int n) {
        return UUID.nameUUIDFromBytes(("memoria-bench:" + kind + ":" + n).getBytes(StandardCharsets.UTF_8));
    }

    /** One entity of the archive: the collection it is written to, its aggregate's name, its id, and the body. */
    record Entity(String collection, String aggregate, UUID id, String body) {

        /** The entity's state as its owner publishes it in a change event at version 1: the body with its id. */
        byte[] state() {
            return ("{\"id\":\"" + id + "\",\"version\":1," + body.substring(1)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Hands the archive's {@code people + events + sources} entities to {@code entities} one by one, people first
     * (events and sources name them), without keeping them: a million do not fit the load generator's heap as text.
     */
    void generate(int peopleCount, int eventCount, int sourceCount, java.util.function.Consumer<Entity> entities) {
        for (int i = 0; i < peopleCount; i++) {
            UUID id = id("person", i);
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + i;
            people.add(id);
            names.add(name);
            entities.accept(new Entity("people", "person", id, "{\"preferredName\":\"" + name
                    + "\",\"names\":[{\"name\":\"Agent " + Integer.toString(i, 36) + "\",\"type\":\"ALIAS\"}],"
                    + "\"birthDate\":\"" + date(1850, 1930) + "\"}"));
        }
        for (int i = 0; i < eventCount; i++) {
            UUID id = id("event", i);
            events.add(id);
            UUID a = people.get(random.nextInt(people.size()));
            UUID b = people.get(random.nextInt(people.size()));
            String body = "{\"title\":\"Event " + i + " of " + LAST[random.nextInt(LAST.length)] + "\",\"type\":\""
                    + EVENT_TYPES[random.nextInt(EVENT_TYPES.length)] + "\",\"date\":\"" + date(1900, 1990)
                    + "\",\"participants\":[{\"personId\":\"" + a + "\",\"role\":\"PARTICIPANT\"},{\"personId\":\"" + b
                    + "\",\"role\":\"WITNESS\"}]}";
            entities.accept(new Entity("events", "event", id, body));
        }
        for (int i = 0; i < sourceCount; i++) {
            UUID id = id("source", i);
            sources.add(id);
            String body = "{\"type\":\"ARTICLE\",\"title\":\"Report " + i + " on " + LAST[random.nextInt(LAST.length)]
                    + "\",\"authorIds\":[\"" + people.get(random.nextInt(people.size())) + "\"],\"date\":\""
                    + date(1920, 2020) + "\",\"language\":\"en\"}";
            entities.accept(new Entity("sources", "source", id, body));
        }
    }

    /** Writes {@code people + events + sources} entities with {@code concurrency} requests in flight. */
    void write(int peopleCount, int eventCount, int sourceCount, int concurrency) throws Exception {
        List<Runnable> writes = new ArrayList<>();
        generate(peopleCount, eventCount, sourceCount, e -> writes.add(() -> put(e.collection(), e.id(), e.body())));
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>(writes.size());
        for (Runnable w : writes) {
            inFlight.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    w.run();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.getMessage());
                } finally {
                    inFlight.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " synthetic writes failed, the first: " + firstFailure.get());
        }
    }

    /** An EDTF date: mostly days, some months, years, seasons, and "one of" pairs. */
    private String date(int fromYear, int toYear) {
        int year = fromYear + random.nextInt(toYear - fromYear);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        int kind = random.nextInt(100);
        if (kind < 70) {
            return "%04d-%02d-%02d".formatted(year, month, day);
        } else if (kind < 85) {
            return "%04d-%02d".formatted(year, month);
        } else if (kind < 93) {
            return "%04d".formatted(year);
        } else if (kind < 97) {
            return "%04d-%d".formatted(year, 21 + random.nextInt(4));
        }
        int first = Math.min(day, 27); // the pair stays inside February of a common year
        return "[%04d-%02d-%02d,%04d-%02d-%02d]".formatted(year, month, first, year, month, first + 1);
    }

    private void put(String collection, UUID id, String body) {
        try {
            HttpResponse<String> r = Load.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/" + collection + "/" + id))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).header("If-None-Match", "*").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 412) {
                throw new IllegalStateException(collection + "/" + id + ": " + r.statusCode() + " " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
