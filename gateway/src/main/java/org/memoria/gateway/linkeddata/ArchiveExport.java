package org.memoria.gateway.linkeddata;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.gateway.linkeddata.LinkedData.Description;
import org.memoria.gateway.service.LiveEntities;
import org.memoria.gateway.service.LiveEntities.Entry;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole archive as N-Quads: every live person, organisation, event, place and source, each as the triples of its
 * JSON-LD document (converted by titanium-json-ld with the bundled contexts), one line per triple, written as it is
 * read. Entities are read a page at a time in id order, each composed in a snapshot of its own, so memory holds one
 * page of ids and one entity whatever the size of the archive. An entity deleted while the export runs is left out.
 */
@ApplicationScoped
public class ArchiveExport {

    static final int PAGE = 200;

    @Inject
    LiveEntities live;
    @Inject
    LinkedData linkedData;
    @Inject
    ObjectMapper json;

    /** How many entities the export holds, as of now. */
    public long count() {
        return live.count(LinkedData.KINDS);
    }

    /** Writes the export to {@code out}; IRIs are URLs under {@code base}. */
    public void write(URI base, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        NQuadsWriter quads = new NQuadsWriter(writer);
        DocumentLoader loader = Contexts.loader(base);
        UUID after = null;
        List<Entry> page;
        do {
            page = live.page(LinkedData.KINDS, after, PAGE);
            for (Entry entry : page) {
                Optional<Description> description = linkedData.describe(entry.kind(), entry.id(), base);
                if (description.isPresent()) {
                    toRdf(description.get(), loader, quads);
                }
                after = entry.id();
            }
            writer.flush();
        } while (page.size() == PAGE);
        writer.flush();
    }

    private void toRdf(Description description, DocumentLoader loader, NQuadsWriter quads) throws IOException {
        try {
            JsonLd.toRdf(JsonDocument.of(new ByteArrayInputStream(json.writeValueAsBytes(description.document()))))
                    .loader(loader).provide(quads);
        } catch (JsonLdError e) {
            throw new IOException("JSON-LD to RDF failed for " + description.document().get("@id"), e);
        }
    }
}
