package org.memoria.common.vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.memoria.common.contract.vocabulary.TermView;
import org.memoria.common.contract.vocabulary.VocabularyView;

/**
 * A vocabulary as a SKOS concept scheme in JSON-LD (W3C SKOS Reference): the scheme, then each term as a
 * {@code skos:Concept} with its notation (the code), labels by language, scope notes, broader term and exact matches;
 * a deprecated term carries {@code owl:deprecated}. The context is inline, so nothing is fetched to read it.
 */
public final class Skos {

    public static final String MEDIA_TYPE = "application/ld+json";
    private static final Map<String, Object> CONTEXT = context();

    private Skos() {
    }

    private static Map<String, Object> context() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("skos", "http://www.w3.org/2004/02/skos/core#");
        c.put("owl", "http://www.w3.org/2002/07/owl#");
        c.put("dct", "http://purl.org/dc/terms/");
        c.put("memoria", "https://w3id.org/memoria/ns#");
        c.put("inScheme", Map.of("@id", "skos:inScheme", "@type", "@id"));
        c.put("topConceptOf", Map.of("@id", "skos:topConceptOf", "@type", "@id"));
        c.put("broader", Map.of("@id", "skos:broader", "@type", "@id"));
        c.put("exactMatch", Map.of("@id", "skos:exactMatch", "@type", "@id", "@container", "@set"));
        c.put("prefLabel", Map.of("@id", "skos:prefLabel", "@container", "@language"));
        c.put("scopeNote", Map.of("@id", "skos:scopeNote", "@container", "@language"));
        c.put("inverseLabel", Map.of("@id", "memoria:inverseLabel", "@container", "@language"));
        c.put("notation", "skos:notation");
        c.put("description", Map.of("@id", "dct:description", "@language", "en"));
        c.put("deprecated", "owl:deprecated");
        return Map.copyOf(c);
    }

    /** The document: {@code scheme} is the vocabulary's IRI, a term's is {@code scheme/CODE}. */
    public static Map<String, Object> document(VocabularyView vocabulary, String scheme) {
        List<Object> graph = new ArrayList<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("@id", scheme);
        s.put("@type", "skos:ConceptScheme");
        s.put("prefLabel", Map.of("en", vocabulary.title()));
        s.put("description", vocabulary.description());
        graph.add(s);
        for (TermView t : vocabulary.terms() == null ? List.<TermView>of() : vocabulary.terms()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("@id", scheme + "/" + t.code());
            c.put("@type", "skos:Concept");
            c.put("notation", t.code());
            c.put("inScheme", scheme);
            if (t.broader() == null) {
                c.put("topConceptOf", scheme);
            } else {
                c.put("broader", scheme + "/" + t.broader());
            }
            c.put("prefLabel", t.labels());
            if (!t.scopeNotes().isEmpty()) {
                c.put("scopeNote", t.scopeNotes());
            }
            if (!t.inverseLabels().isEmpty()) {
                c.put("inverseLabel", t.inverseLabels());
            }
            if (!t.exactMatch().isEmpty()) {
                c.put("exactMatch", t.exactMatch().stream().map(Object::toString).toList());
            }
            if (t.deprecated()) {
                c.put("deprecated", true);
            }
            graph.add(c);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", CONTEXT);
        doc.put("@graph", graph);
        return doc;
    }
}
