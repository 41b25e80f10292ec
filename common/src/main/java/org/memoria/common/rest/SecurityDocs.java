package org.memoria.common.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Who may call an operation, said the way OpenAPI means it, so that the linters a partner runs (Redocly, Spectral) and
 * generated clients read it right. SmallRye lists the roles of {@code @RolesAllowed} as the scopes of the bearer
 * requirement, but scopes mean something only for OAuth 2 and OpenID Connect schemes; here the roles move into the
 * operation's {@value #ROLES} extension and the end of its description ("Roles: archivist, partner, admin."; an
 * operation without a description gets none from this), and the requirement keeps the scheme alone. An operation without a requirement is open to anonymous callers ({@code @PermitAll}) and
 * says so: anonymous, or with a bearer token (a token counts where the operator turned anonymous reads off, and a
 * caller with one has its own rate limit).
 */
public final class SecurityDocs {

    /** The extension listing the roles of which a caller's token needs one. */
    public static final String ROLES = "x-roles";

    private SecurityDocs() {
    }

    public static void apply(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null || openAPI.getComponents() == null
                || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        Map<String, SecurityScheme> schemes = openAPI.getComponents().getSecuritySchemes();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation o : item.getOperations().values()) {
                if (o.getSecurity() == null) {
                    List<SecurityRequirement> anonymousOrToken = new ArrayList<>();
                    anonymousOrToken.add(OASFactory.createSecurityRequirement());
                    for (String scheme : schemes.keySet()) {
                        anonymousOrToken.add(OASFactory.createSecurityRequirement().addScheme(scheme, List.of()));
                    }
                    o.setSecurity(anonymousOrToken);
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>();
                for (SecurityRequirement requirement : o.getSecurity()) {
                    if (requirement.getSchemes() == null) {
                        continue;
                    }
                    for (Map.Entry<String, List<String>> e : Map.copyOf(requirement.getSchemes()).entrySet()) {
                        SecurityScheme scheme = schemes.get(e.getKey());
                        if (scheme != null && !scopes(scheme) && e.getValue() != null && !e.getValue().isEmpty()) {
                            roles.addAll(e.getValue());
                            requirement.addScheme(e.getKey(), List.of());
                        }
                    }
                }
                if (!roles.isEmpty()) {
                    o.addExtension(ROLES, List.copyOf(roles));
                    if (o.getDescription() != null && !o.getDescription().isBlank()) { // the roles are no description
                        o.description(o.getDescription() + "\n\nRoles: " + String.join(", ", roles) + ".");
                    }
                }
            }
        }
    }

    /** Whether a scheme's requirements name scopes (OAuth 2 and OpenID Connect); for any other they must be empty. */
    private static boolean scopes(SecurityScheme scheme) {
        return scheme.getType() == SecurityScheme.Type.OAUTH2 || scheme.getType() == SecurityScheme.Type.OPENIDCONNECT;
    }
}
