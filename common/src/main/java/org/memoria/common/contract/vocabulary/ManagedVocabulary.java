package org.memoria.common.contract.vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The managed vocabularies: which exist is code (each names the records that use it), what they hold is data that an
 * admin manages through {@code /vocabularies} of the owning service (docs/model.md). Each lives with the service that
 * validates it.
 */
public enum ManagedVocabulary {
    NAME_TYPES("name-types", "Name types", "Kinds of name a person or an organisation is known by", "people",
            "person_name.type", "organisation_name.type"),
    ORGANISATION_TYPES("organisation-types", "Organisation types", "Kinds of organisation", "people",
            "organisation.type"),
    RELATION_TYPES("relation-types", "Relation types",
            "Kinds of person-to-person relation, read from the first person (\"A is HANDLER of B\"); each term has an "
                    + "inverse label read from the other end",
            "people", "relation.type"),
    EVENT_TYPES("event-types", "Event types", "Kinds of event", "events", "event.type"),
    PARTICIPANT_ROLES("participant-roles", "Participant roles",
            "How a person or an organisation took part in an event", "events", "event_participant.role"),
    PLACE_TYPES("place-types", "Place types", "Kinds of place", "events", "place.type"),
    SOURCE_TYPES("source-types", "Source types", "Kinds of source", "sources", "source.type");

    /** The longest code a term may have (the columns that hold codes are 30 characters wide). */
    public static final int CODE_LENGTH = 30;

    public final String path;
    public final String title;
    public final String description;
    /** The owning service: people, events or sources. */
    public final String owner;
    /** The columns (table.column, in the owner's database) whose values are codes of this vocabulary. */
    public final List<String> uses;

    ManagedVocabulary(String path, String title, String description, String owner, String... uses) {
        this.path = path;
        this.title = title;
        this.description = description;
        this.owner = owner;
        this.uses = List.of(uses);
    }

    /** The vocabulary published at this path segment (any case), if any. */
    public static Optional<ManagedVocabulary> named(String path) {
        String wanted = path == null ? "" : path.toLowerCase(Locale.ROOT);
        for (ManagedVocabulary v : values()) {
            if (v.path.equals(wanted)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public static List<ManagedVocabulary> ownedBy(String owner) {
        return java.util.Arrays.stream(values()).filter(v -> v.owner.equals(owner)).toList();
    }

    /** A term's id: stable for a vocabulary and a code in any case (PostgreSQL: {@code md5(path || ':' || lower(code))::uuid}). */
    public java.util.UUID termId(String code) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                    .digest((path + ":" + code.toLowerCase(Locale.ROOT)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(md5);
            return new java.util.UUID(b.getLong(), b.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
