package org.memoria.client.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway's committed OpenAPI document, from a TypeScript partner's side: the typescript-fetch client generated from
 * it (this module's generate-sources) compiles with {@code example.ts} in strict mode, and the document passes the
 * linters a partner's CI would run, Redocly CLI (recommended rules) and Spectral ({@code spectral:oas}), with no error
 * and no warning (the owners' documents pass Redocly too). docs/api.md shows the example as it is. The tools are real processes from {@code npm ci} in this folder (.ci/run
 * does it); without them the test fails under CI and is skipped elsewhere.
 */
class TypeScriptClientTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DOCUMENTS = MODULE.resolve("../../docs/openapi").normalize();
    private static final Path GATEWAY = DOCUMENTS.resolve("gateway/openapi.json");
    private static final Path REPORTS = MODULE.resolve("target/lint");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Node.js and the npm tools, or the test fails under CI and is skipped elsewhere. */
    private static void requireTools() throws IOException {
        List<String> missing = new ArrayList<>();
        if (!onPath("node")) {
            missing.add("node");
        }
        for (String tool : List.of("tsc", "redocly", "spectral")) {
            if (!Files.exists(MODULE.resolve("node_modules/.bin/" + tool))) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String why = "needs Node.js and `npm ci --prefix clients/typescript` (.ci/run does both); missing: " + missing;
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Files.createDirectories(REPORTS);
    }

    @Test
    void theGeneratedClientAndTheExampleCompileInStrictMode() throws Exception {
        requireTools();
        assertTrue(Files.isRegularFile(MODULE.resolve("target/generated-sources/memoria-client/apis/PeopleApi.ts")),
                "the generated client (mvn generate-sources) is where tsconfig.json looks");
        Run tsc = run(List.of(tool("tsc"), "-p", "tsconfig.json", "--pretty", "false"));
        assertEquals(0, tsc.exit(), () -> "tsc -p tsconfig.json (strict):\n" + tsc.out() + tsc.err());
    }

    /** docs/api.md shows the example that compiles, word for word. */
    @Test
    void theApiGuideShowsTheExampleThatCompiles() throws IOException {
        String guide = Files.readString(MODULE.resolve("../../docs/api.md"));
        Matcher block = Pattern.compile("```ts\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertTrue(block.find(), "a TypeScript block in docs/api.md");
        assertEquals(Files.readString(MODULE.resolve("example.ts")), block.group(1), "docs/api.md's TypeScript block");
    }

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "people-service", "events-service", "sources-service" })
    void redoclyFindsNoErrorAndNoWarning(String service) throws Exception {
        requireTools();
        JsonNode report = redocly(DOCUMENTS.resolve(service + "/openapi.json"));
        JsonNode totals = report.path("totals");
        assertEquals("0 errors, 0 warnings", totals.path("errors").asInt() + " errors, "
                + totals.path("warnings").asInt() + " warnings", () -> "redocly lint " + service + ":\n"
                        + report.path("problems").toPrettyString());
    }

    /**
     * The owners' documents are not held to it yet: Spectral's operation-description finds ten generic operations of
     * theirs (getPerson, createSource…) without a description (their OwnedCollectionDocs rows have none).
     */
    @ParameterizedTest
    @ValueSource(strings = { "gateway" })
    void spectralFindsNoErrorAndNoWarning(String service) throws Exception {
        requireTools();
        List<JsonNode> findings = new ArrayList<>();
        spectral(DOCUMENTS.resolve(service + "/openapi.json")).forEach(findings::add);
        List<JsonNode> errorsAndWarnings = findings.stream().filter(f -> f.path("severity").asInt() <= 1).toList();
        assertEquals(List.of(), errorsAndWarnings, () -> "spectral lint " + service + " (severity 0 error, 1 warning):\n"
                + findings);
    }

    /**
     * The rulesets are live and the reports read right: the gateway's document with the faults it used to have put
     * back (no contact, a public read without security, roles as the scopes of a bearer requirement, an operation
     * without description, a schema nothing uses) is reported by both.
     */
    @Test
    void bothLintersReportTheFaultsTheDocumentNoLongerHas() throws Exception {
        requireTools();
        ObjectNode document = (ObjectNode) JSON.readTree(GATEWAY.toFile());
        ((ObjectNode) document.path("info")).remove("contact");
        ObjectNode ping = (ObjectNode) document.path("paths").path("/api/ping").path("get");
        ping.remove("security");
        ping.remove("description");
        ObjectNode patch = (ObjectNode) document.path("paths").path("/api/people/{id}").path("patch");
        ArrayNode roles = JSON.createArrayNode().add("archivist").add("partner").add("admin");
        patch.set("security", JSON.createArrayNode().add(JSON.createObjectNode().set("bearer", roles)));
        ((ObjectNode) document.path("components").path("schemas")).set("Orphan",
                JSON.createObjectNode().put("type", "object"));
        Path faulty = REPORTS.resolve("faulty-openapi.json");
        JSON.writeValue(faulty.toFile(), document);

        Set<String> redocly = new TreeSet<>();
        redocly(faulty).path("problems").forEach(p -> redocly.add(p.path("ruleId").asText()));
        // and the redirect .redocly.lint-ignore.yaml lets pass in the committed document only
        assertEquals(Set.of("no-unused-components", "operation-2xx-response", "security-defined"), redocly,
                "redocly's findings");

        Set<String> spectral = new TreeSet<>();
        spectral(faulty).forEach(f -> spectral.add(f.path("code").asText()));
        assertEquals(Set.of("info-contact", "oas3-operation-security-defined", "oas3-unused-component",
                "operation-description"), spectral, "spectral's findings");
    }

    /** Redocly's JSON report on a document, with the recommended rules (redocly.yaml) and nothing sent anywhere. */
    private static JsonNode redocly(Path document) throws Exception {
        Run run = run(List.of(tool("redocly"), "lint", document.toString(), "--config", "redocly.yaml", "--format",
                "json"));
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError("redocly lint answered " + run.exit() + " and no JSON report:\n" + run.out()
                    + run.err(), e);
        }
    }

    /** Spectral's findings on a document, with spectral:oas (.spectral.yaml). */
    private static JsonNode spectral(Path document) throws Exception {
        Path report = REPORTS.resolve("spectral-" + document.getParent().getFileName() + ".json");
        Files.deleteIfExists(report);
        Run run = run(List.of(tool("spectral"), "lint", document.toString(), "--ruleset", ".spectral.yaml", "--format",
                "json", "--output", report.toString()));
        if (!Files.exists(report) || run.exit() > 1) { // 1: findings at or above the fail severity; 2: it could not lint
            fail("spectral lint answered " + run.exit() + ":\n" + run.out() + run.err());
        }
        return JSON.readTree(report.toFile());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(REPORTS, "out", ".txt");
        Path err = Files.createTempFile(REPORTS, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(MODULE.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish in 3 minutes");
        }
        try {
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static String tool(String name) {
        return MODULE.resolve("node_modules/.bin/" + name).toString();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
