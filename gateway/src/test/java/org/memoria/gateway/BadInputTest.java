package org.memoria.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memoria.local.BadInput;
import org.memoria.local.BadInputCheck;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The gateway's own answers to bad input: every bad path or query parameter of its operations is a 400 naming it
 * (bodies are the owners', checked by their tests and end to end by the fuzz test), and requests HTTP itself refuses
 * (method, media types, sizes) are problems too, never an empty body.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyBadParameterIsA400NamingIt() {
        BadInputCheck gateway = new BadInputCheck(RestAssured.baseURI + ":" + RestAssured.port,
                TestTokens.admin("bad-input")); // admin: the admin endpoints' parameters too
        List<BadInput.ParameterCase> cases = new BadInput(gateway.openapi()).parameterCases(UUID.randomUUID());
        assertTrue(cases.size() > 50, cases.size() + " cases");
        assertEquals(List.of(), gateway.rejectsParameters(cases), cases.size() + " cases");
    }

    /** What each request is, written as raw HTTP: {path}, {token} and {id} are filled in; repeat(x, n) repeats. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        # case                          | request head (\\n: line break)                                                                                    | status
        an unknown path                 | GET /api/nothing HTTP/1.1                                                                                      | 404
        a method the path has not       | PATCH /api/people HTTP/1.1\\nContent-Type: application/json\\nContent-Length: 2\\n\\n{}                           | 405
        an unacceptable answer          | GET /api/people HTTP/1.1\\nAccept: text/html                                                                   | 406
        a body of another media type    | POST /api/people HTTP/1.1\\nAuthorization: {token}\\nContent-Type: text/plain\\nContent-Length: 2\\n\\nhi       | 415
        a body beyond the limit         | POST /api/people HTTP/1.1\\nAuthorization: {token}\\nContent-Type: application/json\\nContent-Length: 2000000    | 413
        a request target too long       | GET /api/people?name=repeat(x,5000) HTTP/1.1                                                                   | 414
        too many header fields          | GET /api/people HTTP/1.1repeat(\\nX-Many: 1,120)                                                          | 431
        a header block too large        | GET /api/people HTTP/1.1\\nX-Large: repeat(x,17000)                                                           | 431
        a page that is no number        | GET /api/timeline?page=first HTTP/1.1                                                                          | 400
        a page beyond the last          | GET /api/search?q=x&page=2147483647 HTTP/1.1                                                                   | 400
        an id that is no UUID           | GET /api/people/1-1-1-1-1 HTTP/1.1                                                                             | 400
        an id with a NUL                | DELETE /api/people/%00 HTTP/1.1\\nAuthorization: {token}                                                        | 400
        a query with a noncharacter     | GET /api/search?q=%EF%BF%BF HTTP/1.1                                                                           | 400
        no Host header                  | GET /api/people HTTP/1.1\\nX-No-Host: yes                                                                    | 400
        """)
    void httpRefusalsAreProblems(String description, String head, int status) throws IOException {
        Answer answer = send(expand(head));
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(status, problem.path("status").asInt(), answer::toString);
        assertTrue(problem.path("type").asText().startsWith("https://memoria.example/problems/"), answer::toString);
    }

    @Test
    void anErrorQuotesAtMostAnExcerptOfTheInput() throws IOException {
        Answer answer = send("GET /api/timeline?page=" + "7x".repeat(1500) + " HTTP/1.1");
        assertEquals(400, answer.status());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals("page", problem.path("errors").get(0).path("field").asText());
        assertEquals("'" + "7x".repeat(30) + "…' is not a whole number",
                problem.path("errors").get(0).path("reason").asText());
    }

    /**
     * A small JSON body is collected before the resource runs (RequestLimits.readAhead): one that arrives in pieces is
     * still read whole (nothing answers the first part alone), and one that stops short of its length and is
     * abandoned ties up nothing the next client needs.
     */
    @Test
    void aJsonBodyIsReadWholeWhenItArrivesInPiecesAndOneCutShortStopsNothing() throws Exception {
        byte[] body = "{\"url\": 5, \"kinds\": [\"PERSON\"]}".getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + TestTokens.archivist("bad-input") + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket slow = new Socket("127.0.0.1", RestAssured.port)) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            slow.setTcpNoDelay(true);
            out.write(body, 0, body.length / 2);
            out.flush();
            slow.setSoTimeout(300); // the first half alone is answered by nothing: the server waits for the rest
            assertThrows(SocketTimeoutException.class, () -> slow.getInputStream().read());
            slow.setSoTimeout(10_000);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals("url", problem.path("errors").get(0).path("field").asText(), answer);
        }
        try (Socket cut = new Socket("127.0.0.1", RestAssured.port)) {
            cut.setSoTimeout(10_000);
            OutputStream out = cut.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body, 0, 10);
            out.flush();
            cut.shutdownOutput(); // the client gives up; the server answers nothing or a client error, never a 500
            String answer = new String(cut.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer);
        }
        Answer next = send("GET /api/timeline?page=first HTTP/1.1");
        assertEquals(400, next.status(), next::toString);
    }

    /** The same over HTTP/2 (the JDK's client upgrades a cleartext connection, as generated clients do). */
    @Test
    void aJsonBodyIsReadWholeOverHttp2() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String base = "http://127.0.0.1:" + RestAssured.port;
        var upgrade = client.send(HttpRequest.newBuilder(URI.create(base + "/api/timeline")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, upgrade.statusCode());
        var answer = client.send(HttpRequest.newBuilder(URI.create(base + "/api/webhooks"))
                .header("Authorization", TestTokens.archivist("bad-input"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": 5, \"kinds\": [\"PERSON\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, answer.version(), "the connection was not upgraded");
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("url", JSON.readTree(answer.body()).path("errors").get(0).path("field").asText(), answer.body());
    }

    private static String expand(String head) {
        var repeat = java.util.regex.Pattern.compile("repeat\\((.+?),(\\d+)\\)");
        var m = repeat.matcher(head.replace("{token}", TestTokens.archivist("bad-input")));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString().replace("\\n", "\n");
    }

    record Answer(int status, String head, String contentType, byte[] body) {
        @Override
        public String toString() {
            return head + "\n" + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One request on its own connection, as written (a body after a blank line); the answer read to its end. */
    private static Answer send(String request) throws IOException {
        int blank = request.indexOf("\n\n");
        String head = blank < 0 ? request : request.substring(0, blank);
        String body = blank < 0 ? "" : request.substring(blank + 2);
        String host = head.contains("X-No-Host") ? "" : "\r\nHost: 127.0.0.1";
        String wire = head.replace("\n", "\r\n") + host + "\r\nConnection: close\r\n\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(wire.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String answerHead = text.substring(0, end);
            int status = Integer.parseInt(answerHead.split(" ")[1]);
            String contentType = answerHead.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
            byte[] answerBody = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if (answerHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                answerBody = dechunk(answerBody);
            }
            return new Answer(status, answerHead, contentType, answerBody);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        var out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int eol = indexOfCrLf(chunked, i);
            int size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrLf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return b.length;
    }
}
