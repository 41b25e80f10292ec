package org.memoria.common.rest;

/**
 * One row of a service's {@link OwnedCollectionDocs} table: how the generic endpoints of one collection
 * ({@link OwnedEntityResource}) are named and described in the OpenAPI document. Start with {@link #of} and add what
 * this collection says beyond the shared text; null means nothing more.
 *
 * @param path                 the collection's path, e.g. {@code /places}
 * @param name                 the entity in prose, e.g. {@code place}; also the operation ids ({@code getPlace})
 * @param article              {@code a} or {@code an}, for "A place's revision history"
 * @param createSummary        the create's summary; "Record a place" when null
 * @param createDescription    the create's description
 * @param getDescription       the get's description
 * @param putDescription       said after "Idempotent: a replace that changes nothing …"
 * @param deleteDescription    said after "Publishes a tombstone."
 * @param stillReferenced      the description of the delete's 409 (what may still reference it); no 409 when null
 * @param revisionsDescription the revisions' description, when it is not the shared one
 * @param example              a request body example (JSON) for create and put, named {@code exampleName}
 * @param exampleName          the example's name
 */
public record OwnedCollection(String path, String name, String article, String createSummary,
        String createDescription, String getDescription, String putDescription, String deleteDescription,
        String stillReferenced, String revisionsDescription, String example, String exampleName) {

    /** A collection at {@code path} whose entity is {@code a(n) name}: {@code of("/places", "a", "place")}. */
    public static OwnedCollection of(String path, String article, String name) {
        return new OwnedCollection(path, name, article, null, null, null, null, null, null, null, null, null);
    }

    public OwnedCollection create(String summary, String description) {
        return new OwnedCollection(path, name, article, summary, description, getDescription, putDescription,
                deleteDescription, stillReferenced, revisionsDescription, example, exampleName);
    }

    public OwnedCollection get(String description) {
        return new OwnedCollection(path, name, article, createSummary, createDescription, description, putDescription,
                deleteDescription, stillReferenced, revisionsDescription, example, exampleName);
    }

    public OwnedCollection put(String description) {
        return new OwnedCollection(path, name, article, createSummary, createDescription, getDescription, description,
                deleteDescription, stillReferenced, revisionsDescription, example, exampleName);
    }

    /** The delete's description, and the 409 it answers while others still reference the entity. */
    public OwnedCollection delete(String description, String stillReferenced) {
        return new OwnedCollection(path, name, article, createSummary, createDescription, getDescription,
                putDescription, description, stillReferenced, revisionsDescription, example, exampleName);
    }

    public OwnedCollection revisions(String description) {
        return new OwnedCollection(path, name, article, createSummary, createDescription, getDescription,
                putDescription, deleteDescription, stillReferenced, description, example, exampleName);
    }

    public OwnedCollection example(String name, String json) {
        return new OwnedCollection(path, this.name, article, createSummary, createDescription, getDescription,
                putDescription, deleteDescription, stillReferenced, revisionsDescription, json, name);
    }

    /** {@code Place} for {@code place}: the operation ids' noun. */
    String operationNoun() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
