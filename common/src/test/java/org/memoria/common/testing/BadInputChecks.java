package org.memoria.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.memoria.local.BadInput;
import org.memoria.local.BadInputCheck;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The owners' bad-input checks, said once (each owner's {@code BadInputTest} gives its collections and valid bodies):
 * every bad value a write's OpenAPI schema admits ({@link BadInput}) is a 400 problem naming the field and stores
 * nothing, the valid body it was made from is stored even at its longest, and every bad path or query parameter of
 * every operation is a 400 naming it.
 */
public final class BadInputChecks {

    private final String base;
    private final String authorization;
    private final BadInputCheck service;

    /** @param authorization the Authorization header of every request (a token that may write) */
    public BadInputChecks(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.service = new BadInputCheck(base, authorization);
    }

    /** Each bad body derived from {@code valid} is refused as a 400 naming the field; the longest valid one is stored. */
    public void everyBadBodyIsA400NamingTheFieldAndStoresNothing(String collection, String schema, JsonNode valid)
            throws IOException, InterruptedException {
        BadInput badInput = new BadInput(service.openapi());
        List<BadInput.Case> cases = badInput.bodyCases(schema, valid);
        assertEquals(List.of(), service.rejectsBodies(collection, cases), cases.size() + " cases");
        // the body the cases were made from is valid, even with every text at its longest in 3-byte characters: each
        // case is refused for its own fault, and what the contract allows fits the columns and indexes behind it
        byte[] longest = BadInput.json(badInput.longestValid(schema, valid));
        HttpResponse<String> stored = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().send(HttpRequest.newBuilder(URI.create(base + "/"
                + collection)).header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(longest)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());
    }

    /** Every bad path or query parameter of every operation is a 400 naming it. */
    public void everyBadParameterIsA400NamingIt() {
        List<BadInput.ParameterCase> cases = new BadInput(service.openapi()).parameterCases(UUID.randomUUID());
        assertEquals(List.of(), service.rejectsParameters(cases), cases.size() + " cases");
    }
}
