package org.memoria.sources;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Writes the pieces of the seed story the tests need through the API, and builds request bodies. */
final class Archive {

    private Archive() {
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A source body; a null date is left out. */
    static Map<String, Object> sourceBody(String type, String title, String date) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("title", title);
        if (date != null) {
            body.put("date", date);
        }
        return body;
    }

    static String createSource(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/sources")
                .then().statusCode(201).extract().path("id");
    }

    static String source(String type, String title, String date) {
        return createSource(sourceBody(type, title, date));
    }

    /**
     * Every item of a list, page after page: an assertion about what a filter leaves out must look at all of it, not
     * at one page of a database that every test writes to.
     */
    static List<Map<String, Object>> allItems(String path, Map<String, ?> filters) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0;; page++) {
            var body = given().queryParams(filters).queryParam("size", 100).queryParam("page", page).get(path)
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(body.getList("items"));
            if ((long) (page + 1) * 100 >= body.getLong("total")) {
                return items;
            }
        }
    }

    static Map<String, Object> ref(String kind, Object id) {
        return Map.of("kind", kind, "id", id.toString());
    }

    static Map<String, Object> citationBody(String sourceId, String locator, String quote, Map<?, ?>... about) {
        Map<String, Object> body = new HashMap<>();
        body.put("sourceId", sourceId);
        if (locator != null) {
            body.put("locator", locator);
        }
        body.put("quote", quote);
        body.put("about", Arrays.asList(about));
        return body;
    }

    static String citation(String sourceId, String locator, String quote, Map<?, ?>... about) {
        return given().contentType(ContentType.JSON).body(citationBody(sourceId, locator, quote, about))
                .post("/citations").then().statusCode(201).extract().path("id");
    }

    /** Evidence citing a passage; a null strength is left out (unweighed: it counts like INDICATIVE). */
    static Map<String, Object> evidence(String citationId, String stance, String strength) {
        Map<String, Object> e = new HashMap<>();
        e.put("citationId", citationId);
        e.put("stance", stance);
        if (strength != null) {
            e.put("strength", strength);
        }
        return e;
    }

    /** Evidence naming its source directly; null strength, locator and quote are left out. */
    static Map<String, Object> directEvidence(String sourceId, String stance, String strength, String locator,
            String quote) {
        Map<String, Object> e = new HashMap<>();
        e.put("sourceId", sourceId);
        e.put("stance", stance);
        if (strength != null) {
            e.put("strength", strength);
        }
        if (locator != null) {
            e.put("locator", locator);
        }
        if (quote != null) {
            e.put("quote", quote);
        }
        return e;
    }

    static Map<String, Object> claimBody(String statement, List<Map<String, Object>> subjects,
            List<Map<String, Object>> evidence) {
        Map<String, Object> body = new HashMap<>();
        body.put("statement", statement);
        body.put("subjects", new ArrayList<>(subjects));
        body.put("evidence", new ArrayList<>(evidence));
        return body;
    }

    static String claim(String statement, List<Map<String, Object>> subjects, List<Map<String, Object>> evidence) {
        return given().contentType(ContentType.JSON).body(claimBody(statement, subjects, evidence)).post("/claims")
                .then().statusCode(201).extract().path("id");
    }

    /** The three dated sources and passages of the Harte question, as in the seed article. */
    record Harte(UUID person, String icfiSource, String swpSource, String venonaSource, String icfi, String swp,
            String venona) {

        static Harte record(String tag) {
            UUID harte = UUID.randomUUID();
            String icfiSource = source("REPORT", "Security and the Fourth International " + tag, "1975-05");
            String swpSource = source("STATEMENT",
                    "Statement accusing the ICFI of \"desecrating the grave of Robert Sheldon Harte\" " + tag,
                    "1975-06/1977");
            String venonaSource = source("DECRYPTED_CABLE", "Venona decrypted Soviet intelligence cables " + tag,
                    "1995");
            String icfi = citation(icfiSource, "the investigation's findings on Harte",
                    "Among the most critical facts were those which shed light on the role played by Zborowski, "
                            + "Hansen, Harte, Caldwell and others",
                    ref("PERSON", harte));
            String swp = citation(swpSource, null, "desecrating the grave of Robert Sheldon Harte",
                    ref("PERSON", harte));
            String venona = citation(venonaSource, "cables naming Harte",
                    "the definitive proof that Harte, Franklin and others were GPU agents", ref("PERSON", harte));
            return new Harte(harte, icfiSource, swpSource, venonaSource, icfi, swp, venona);
        }

        /** The evidence, deliberately not in date order. */
        List<Map<String, Object>> evidence() {
            return List.of(Archive.evidence(venona, "SUPPORTS", "CONCLUSIVE"), Archive.evidence(swp, "DISPUTES", null),
                    Archive.evidence(icfi, "SUPPORTS", "INDICATIVE"));
        }

        String claim(String statement) {
            return Archive.claim(statement, List.of(ref("PERSON", person)), evidence());
        }
    }
}
