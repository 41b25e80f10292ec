package org.memoria.gateway.service;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.config.GatewayConfig;

/** Which service owns each kind of entity, where its replicas are, and where an entity lives there. */
public final class Owners {

    private Owners() {
    }

    /** people, events or sources. */
    public static String owner(EntityKind kind) {
        return switch (kind) {
            case PERSON, ORGANISATION, MEMBERSHIP, RELATION -> "people";
            case EVENT, PLACE -> "events";
            case SOURCE, CITATION, CLAIM -> "sources";
            case TERM -> throw new IllegalArgumentException("a term's owner is its vocabulary's (ManagedVocabulary.owner)");
        };
    }

    /** The owner as problems name it: "people service". */
    public static String ownerName(EntityKind kind) {
        return owner(kind) + " service";
    }

    /** Where the owning service's replicas are reached. */
    public static List<URI> replicas(EntityKind kind, GatewayConfig config) {
        return switch (owner(kind)) {
            case "people" -> config.owners().people();
            case "events" -> config.owners().events();
            default -> config.owners().sources();
        };
    }

    /** Where the owner takes a batch of writes of this kind: {@code /people/batch}. */
    public static String batchPath(EntityKind kind) {
        return "/" + ChangeFeed.collection(kind) + "/batch";
    }

    /** The path of one entity at its owner: {@code /people/{id}} (the collection's name is the API's). */
    public static String ownerPath(EntityKind kind, UUID id) {
        return "/" + ChangeFeed.collection(kind) + "/" + id;
    }
}
