package org.memoria.gateway.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.events.Links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The metadata of a harvested entity in the formats the OAI-PMH provider disseminates ({@code oai_dc} and
 * {@code memoria}), as XML fragments (no XML declaration) that go into a record's {@code <metadata>} as they are.
 */
final class OaiMetadata {

    static final String OAI_DC = "oai_dc";
    static final String OAI_DC_NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    static final String OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
    static final String MEMORIA = "memoria";
    static final String MEMORIA_NAMESPACE = "https://memoria.example/oai/memoria/1.0/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private OaiMetadata() {
    }

    /**
     * Simple Dublin Core: title = the entity's name or title (and a source's other titles, with {@code xml:lang}), creator = a source's authors, type = its kind and
     * subtype, date = its EDTF date (a person's or organisation's two dates as one EDTF interval), description,
     * publisher and language where the owner's state has them, coverage = an event's place, identifier = its URL in
     * the archive API.
     */
    static byte[] dublinCore(OaiRecords.Entry entry, URI base, ObjectMapper json) {
        JsonNode doc = doc(entry, json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.setPrefix("oai_dc", OAI_DC_NAMESPACE);
            w.setPrefix("dc", DC);
            w.setPrefix("xsi", XSI);
            w.writeStartElement("oai_dc", "dc", OAI_DC_NAMESPACE);
            w.writeNamespace("oai_dc", OAI_DC_NAMESPACE);
            w.writeNamespace("dc", DC);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute("xsi", XSI, "schemaLocation", OAI_DC_NAMESPACE + " " + OAI_DC_SCHEMA);
            dc(w, "title", entry.label());
            for (JsonNode other : doc.path("otherTitles")) { // a source's translations, in their language
                if (other.path("title").isTextual()) {
                    w.writeStartElement("dc", "title", DC);
                    if (other.path("language").isTextual()) {
                        w.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", other.path("language").asText());
                    }
                    w.writeCharacters(other.path("title").asText());
                    w.writeEndElement();
                }
            }
            for (String creator : entry.creators()) {
                dc(w, "creator", creator);
            }
            dc(w, "type", typeName(entry.kind()));
            if (entry.subtype() != null) {
                dc(w, "type", entry.subtype().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            for (String date : dates(entry)) {
                dc(w, "date", date);
            }
            dc(w, "description", text(doc, "description"));
            dc(w, "publisher", text(doc, "publisher"));
            dc(w, "language", text(doc, "language"));
            if (entry.kind() == EntityKind.EVENT) {
                dc(w, "coverage", text(doc, "placeName"));
            }
            dc(w, "identifier", url(base, entry.kind(), entry.id()).toString());
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the Dublin Core of " + entry.id(), e);
        }
        return out.toByteArray();
    }

    /** Where the memoria format's schema is served. */
    static URI memoriaSchema(URI base) {
        return base.resolve("oai/memoria.xsd");
    }

    /**
     * The memoria format (schema {@code oai/memoria.xsd}): the entity as the read model holds it, with its kind,
     * version, other names, both dates as EDTF, coordinates, and every reference its state makes, with the role (and,
     * for a participant, the note on its part) and the name the referenced entity has (or {@code resolved="false"}).
     */
    static byte[] memoria(OaiRecords.Entry entry, URI base, ObjectMapper json) {
        JsonNode doc = doc(entry, json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.setPrefix(MEMORIA, MEMORIA_NAMESPACE);
            w.setPrefix("xsi", XSI);
            w.writeStartElement(MEMORIA, "entity", MEMORIA_NAMESPACE);
            w.writeNamespace(MEMORIA, MEMORIA_NAMESPACE);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute("xsi", XSI, "schemaLocation", MEMORIA_NAMESPACE + " " + memoriaSchema(base));
            w.writeAttribute("kind", entry.kind().name());
            w.writeAttribute("id", entry.id().toString());
            w.writeAttribute("version", Long.toString(entry.version()));
            if (entry.subtype() != null) {
                w.writeAttribute("subtype", entry.subtype());
            }
            w.writeAttribute("url", url(base, entry.kind(), entry.id()).toString());
            memoria(w, "name", entry.label());
            for (JsonNode name : doc.path("names")) {
                if (name.path("name").isTextual()) {
                    w.writeStartElement(MEMORIA, "otherName", MEMORIA_NAMESPACE);
                    if (name.path("type").isTextual()) {
                        w.writeAttribute("type", name.path("type").asText());
                    }
                    if (name.path("period").isTextual() && !name.path("period").asText().isEmpty()) {
                        w.writeAttribute("period", name.path("period").asText());
                    }
                    w.writeCharacters(name.path("name").asText());
                    w.writeEndElement();
                }
            }
            for (JsonNode name : doc.path("alternateNames")) {
                memoria(w, "otherName", name.isTextual() ? name.asText() : null);
            }
            for (JsonNode other : doc.path("otherTitles")) { // a source's translations, in their language
                if (other.path("title").isTextual()) {
                    w.writeStartElement(MEMORIA, "otherName", MEMORIA_NAMESPACE);
                    if (other.path("language").isTextual()) {
                        w.writeAttribute("language", other.path("language").asText());
                    }
                    w.writeCharacters(other.path("title").asText());
                    w.writeEndElement();
                }
            }
            memoria(w, "date", entry.date());
            memoria(w, "end", entry.end());
            if (doc.path("latitude").isNumber() && doc.path("longitude").isNumber()) {
                memoria(w, "latitude", doc.path("latitude").asText());
                memoria(w, "longitude", doc.path("longitude").asText());
            }
            memoria(w, "description", text(doc, "description"));
            int participant = 0;
            for (OaiRecords.Reference reference : entry.references()) {
                w.writeStartElement(MEMORIA, "reference", MEMORIA_NAMESPACE);
                w.writeAttribute("link", reference.link());
                w.writeAttribute("kind", reference.kind());
                w.writeAttribute("id", reference.id().toString());
                if (reference.role() != null) {
                    w.writeAttribute("role", reference.role());
                }
                if (Links.PARTICIPANT.equals(reference.link())) {
                    // an event links its participants in their order: the k-th such reference is the k-th participant
                    String note = text(doc.path("participants").path(participant++), "note");
                    if (note != null && !note.isBlank()) {
                        w.writeAttribute("note", note);
                    }
                }
                w.writeAttribute("resolved", Boolean.toString(reference.name() != null));
                if (reference.name() != null) {
                    w.writeCharacters(reference.name());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the memoria record of " + entry.id(), e);
        }
        return out.toByteArray();
    }

    private static void memoria(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        if (value != null && !value.isBlank()) {
            w.writeStartElement(MEMORIA, element, MEMORIA_NAMESPACE);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }

    /** The entity's URL in the archive API. */
    static URI url(URI base, EntityKind kind, java.util.UUID id) {
        return ChangeFeed.entityUrl(base, kind, id);
    }

    /** Person, Organisation, Event, Place or Source. */
    static String typeName(EntityKind kind) {
        String n = kind.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * The EDTF dates: one, or the two ends of a life or an organisation's existence as one interval when both are
     * single dates (an EDTF interval cannot hold another interval or a set), else each on its own.
     */
    private static java.util.List<String> dates(OaiRecords.Entry entry) {
        String date = entry.date();
        String end = entry.end();
        if (date != null && end != null && simple(date) && simple(end)) {
            return java.util.List.of(date + "/" + end);
        }
        java.util.List<String> dates = new java.util.ArrayList<>(2);
        if (date != null) {
            dates.add(date);
        }
        if (end != null) {
            dates.add(end);
        }
        return dates;
    }

    private static boolean simple(String edtf) {
        return edtf.indexOf('/') < 0 && edtf.indexOf('[') < 0 && edtf.indexOf('{') < 0;
    }

    private static void dc(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        if (value != null && !value.isBlank()) {
            w.writeStartElement("dc", element, DC);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }

    private static JsonNode doc(OaiRecords.Entry entry, ObjectMapper json) {
        if (entry.doc() == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(entry.doc().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("The read model holds a document that is not JSON for " + entry.id(), e);
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
