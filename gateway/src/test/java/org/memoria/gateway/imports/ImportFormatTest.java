package org.memoria.gateway.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.EntityKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A record's key and its key references become the same stable ids in every run, distinct per namespace. */
class ImportFormatTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void keysMapToStableIdsPerNamespaceAndKind() throws Exception {
        String line = "{\"kind\":\"event\",\"key\":\"e1\",\"data\":{\"title\":\"Raid\",\"type\":\"ATTACK\","
                + "\"placeId\":{\"key\":\"coyoacan\"},\"parentEventId\":{\"key\":\"e0\"},"
                + "\"participants\":[{\"personId\":{\"key\":\"siqueiros\"},\"role\":\"LEADER\"}]}}";
        ImportFormat.Line first = ImportFormat.read(json, "archive", line);
        ImportFormat.Line again = ImportFormat.read(json, "archive", line);
        ImportFormat.Line partner = ImportFormat.read(json, "p-1", line);
        assertNull(first.error());
        assertEquals(first.id(), again.id());
        assertEquals(first.body(), again.body());
        assertNotEquals(first.id(), partner.id());
        assertNotEquals(ImportFormat.id("archive", EntityKind.PERSON, "x"),
                ImportFormat.id("archive", EntityKind.PLACE, "x"));
        assertTrue(first.sameKindRef(), "it names a parent event");

        JsonNode data = json.readTree(first.body());
        assertEquals(ImportFormat.id("archive", EntityKind.PLACE, "coyoacan").toString(), data.get("placeId").asText());
        assertEquals(ImportFormat.id("archive", EntityKind.EVENT, "e0").toString(),
                data.get("parentEventId").asText());
        assertEquals(ImportFormat.id("archive", EntityKind.PERSON, "siqueiros").toString(),
                data.at("/participants/0/personId").asText());
        assertEquals("Raid", data.get("title").asText());
    }

    @Test
    void subjectsAuthorsAndEvidenceTakeKeysOfTheKindTheyName() throws Exception {
        String line = "{\"kind\":\"claim\",\"key\":\"c\",\"data\":{\"statement\":\"S\","
                + "\"subjects\":[{\"kind\":\"ORGANISATION\",\"id\":{\"key\":\"gpu\"}}],"
                + "\"evidence\":[{\"citationId\":{\"key\":\"cit\"},\"stance\":\"SUPPORTS\"},"
                + "{\"sourceId\":{\"key\":\"src\"},\"stance\":\"REFUTES\"}]}}";
        ImportFormat.Line read = ImportFormat.read(json, "archive", line);
        assertNull(read.error());
        assertFalse(read.sameKindRef());
        JsonNode data = json.readTree(read.body());
        assertEquals(ImportFormat.id("archive", EntityKind.ORGANISATION, "gpu").toString(),
                data.at("/subjects/0/id").asText());
        assertEquals(ImportFormat.id("archive", EntityKind.CITATION, "cit").toString(),
                data.at("/evidence/0/citationId").asText());
        assertEquals(ImportFormat.id("archive", EntityKind.SOURCE, "src").toString(),
                data.at("/evidence/1/sourceId").asText());

        ImportFormat.Line source = ImportFormat.read(json, "archive", "{\"kind\":\"source\",\"key\":\"s\",\"data\":"
                + "{\"type\":\"ARTICLE\",\"title\":\"T\",\"authorIds\":[{\"key\":\"lt\"}]}}");
        assertEquals(ImportFormat.id("archive", EntityKind.PERSON, "lt").toString(),
                json.readTree(source.body()).at("/authorIds/0").asText());
    }
}
