package org.memoria.common.rest;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * What every service's OpenAPI document says about itself that Quarkus has no setting for: the license's SPDX
 * identifier (OpenAPI 3.1; generators refuse a license without one) and what its server URL (relative: {@code /}) means. Each service's
 * owners' document filter ({@link OwnedCollectionDocs}) applies it; the gateway names it in {@code mp.openapi.filter}
 * (which runs after Quarkus has set the {@code info} from its configuration).
 */
public final class DocumentInfo implements OASFilter {

    /** The project's license, as an SPDX identifier. */
    public static final String LICENSE = "Apache-2.0";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        apply(openAPI);
    }

    public static void apply(OpenAPI openAPI) {
        HeaderDocs.everyOperation(openAPI);
        SecurityDocs.apply(openAPI);
        UnusedSchemas.remove(openAPI);
        ExampleDocs.apply(openAPI);
        if (openAPI.getInfo() != null && openAPI.getInfo().getLicense() != null) {
            openAPI.getInfo().getLicense().identifier(LICENSE).url(null);
        }
        if (openAPI.getServers() != null) {
            for (Server server : openAPI.getServers()) {
                server.description("Where this document is served: in the local stack (`./memoria up`) the gateway is "
                        + "http://127.0.0.1:8080; elsewhere, the address the operator gives");
            }
        }
    }
}
