package org.memoria.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The OAI-PMH data provider at /oai (docs/partners.md). */
@ConfigMapping(prefix = "memoria.oai")
public interface OaiConfig {

    /**
     * The repository identifier in every OAI identifier ({@code oai:<it>:people/<uuid>}): a domain name the archive
     * controls. Changing it changes every identifier a harvester holds.
     */
    @WithDefault("memoria.local")
    String repositoryIdentifier();

    /** The repository name Identify answers. */
    @WithDefault("Memoria")
    String repositoryName();

    /** Who to write to about the repository (Identify's adminEmail). */
    @WithDefault("archive@memoria.local")
    String adminEmail();
}
