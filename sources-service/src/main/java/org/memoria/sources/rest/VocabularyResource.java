package org.memoria.sources.rest;

import jakarta.ws.rs.Path;

import org.memoria.common.rest.VocabularyEndpoints;

/** The vocabularies this service validates (common {@link VocabularyEndpoints}). */
@Path("/vocabularies")
public class VocabularyResource extends VocabularyEndpoints {
}
