package org.memoria.gateway.linkeddata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;

/**
 * The JSON-LD contexts the archive's documents name, bundled in the gateway (resources {@code contexts/}) and served
 * at {@code /api/contexts/<name>}: a hand-written subset of schema.org's (only the terms we use, {@code @vocab}
 * {@code https://schema.org/}) and our own, for EDTF dates and participations. Nothing is fetched from elsewhere.
 */
public final class Contexts {

    public static final String MEDIA_TYPE = "application/ld+json";
    /** Where the contexts are served, relative to the API's base URL. */
    public static final String PATH = "api/contexts/";
    public static final String SCHEMA_ORG = "schema-org.jsonld";
    public static final String MEMORIA = "memoria.jsonld";

    private static final Map<String, byte[]> BUNDLED = new LinkedHashMap<>();

    static {
        for (String name : List.of(SCHEMA_ORG, MEMORIA)) {
            try (InputStream in = Contexts.class.getResourceAsStream("/contexts/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("context " + name + " is not bundled");
                }
                BUNDLED.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Contexts() {
    }

    /** The bundled context of this name, as served. */
    public static Optional<byte[]> bytes(String name) {
        return Optional.ofNullable(BUNDLED.get(name));
    }

    /** The {@code @context} of every document: both contexts' URLs under the API's base URL, schema.org's first. */
    public static List<String> urls(URI base) {
        return BUNDLED.keySet().stream().map(name -> base.resolve(PATH + name).toString()).toList();
    }

    /**
     * A titanium document loader that serves the bundled contexts at their URLs under {@code base} and refuses every
     * other URL, so that processing a document never reaches the network.
     */
    public static DocumentLoader loader(URI base) {
        return (url, options) -> {
            String u = url.toString();
            for (Map.Entry<String, byte[]> context : BUNDLED.entrySet()) {
                if (u.equals(base.resolve(PATH + context.getKey()).toString())) {
                    Document document = JsonDocument.of(new ByteArrayInputStream(context.getValue()));
                    document.setDocumentUrl(url);
                    return document;
                }
            }
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED,
                    "Only the bundled contexts are loaded, not " + url);
        };
    }
}
