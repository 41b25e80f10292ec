package org.memoria.sources.rest;

import org.memoria.common.rest.OwnedCollection;
import org.memoria.common.rest.OwnedCollectionDocs;

/**
 * How this service's collections name and describe their shared endpoints (OwnedEntityResource), one row each; run
 * at build time as {@code mp.openapi.filter} (application.properties), so the stored document has it too.
 */
public class OpenApiTable extends OwnedCollectionDocs {

    static final String SOURCE_EXAMPLE = """
            {"type": "ARTICLE", "title": "Stalin Seeks My Death", "authorIds": ["9c4b1f4e-4f5e-4c1e-9d0a-6f0c1d2e3f40"],
             "date": "1940-06-08", "periodical": "Fourth International", "language": "en",
             "identifiers": {"url": "https://www.marxists.org/archive/trotsky/1940/06/stalin.htm"}}""";

    static final String CITATION_EXAMPLE = """
            {"sourceId": "5b0e6f0a-8d1c-4a51-9a7e-2f3c4d5e6f70", "locator": "closing paragraphs",
             "quote": "The accidental failure of the assault, so carefully and so ably prepared, is a serious blow to Stalin.",
             "about": [{"kind": "EVENT", "id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"},
                       {"kind": "PERSON", "id": "9c4b1f4e-4f5e-4c1e-9d0a-6f0c1d2e3f40"}]}""";

    static final String CLAIM_EXAMPLE = """
            {"statement": "Robert Sheldon Harte was a GPU agent",
             "subjects": [{"kind": "PERSON", "id": "6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}],
             "evidence": [
               {"citationId": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "stance": "SUPPORTS"},
               {"sourceId": "2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b",
                "quote": "desecrating the grave of Robert Sheldon Harte", "stance": "DISPUTES"},
               {"citationId": "3b4c5d6e-7f80-4912-a3b4-c5d6e7f8a9b0", "stance": "SUPPORTS", "strength": "CONCLUSIVE",
                "note": "the GPU archives name him as an agent"}]}""";

    public OpenApiTable() {
        super(OwnedCollection.of("/sources", "a", "source")
                .put("When the date changes, every claim whose evidence cites the source or names it directly is "
                        + "re-derived and, if it changed, published again, in the same transaction.")
                .delete("A source that is cited, named directly as evidence (or named by a citation or claim) cannot "
                        + "be deleted.", "The source is cited, evidence of a claim, or named by a citation or a claim; "
                                + "the problem names them")
                .example("Stalin Seeks My Death", SOURCE_EXAMPLE),
                OwnedCollection.of("/citations", "a", "citation")
                        .create("Record a passage of a source", null)
                        .put("When the source changes, every claim citing the citation is re-derived and, if it "
                                + "changed, published again, in the same transaction.")
                        .delete("A citation that is evidence of a claim (or named by a citation or claim) cannot be "
                                + "deleted.", "The citation is evidence of claims (or named by others); the problem "
                                        + "names them")
                        .example("Stalin Seeks My Death", CITATION_EXAMPLE),
                OwnedCollection.of("/claims", "a", "claim")
                        .create("Record a claim with its evidence", null)
                        .get("The statement, its subjects, its evidence ordered by the date of each evidence's source "
                                + "(with the quote and locator of its citation, or its own when it names the source "
                                + "directly, and the source's title and date), the derived "
                                + "status, and the history of that status as the evidence accumulated (docs/claims.md).")
                        .delete("A claim named by a citation or another claim cannot be deleted.",
                                "The claim is named by a citation or another claim")
                        .revisions("Every change, oldest first: when, by whom (the subject of the token that wrote it, "
                                + "also for a status re-derived by a write of a citation), which fields, and the state "
                                + "it left.")
                        .example("Harte", CLAIM_EXAMPLE));
    }
}
