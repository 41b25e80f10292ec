package org.memoria.gateway.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.common.contract.SubResources;
import org.memoria.common.contract.SubResources.EventChildren;
import org.memoria.common.contract.SubResources.OrganisationMembers;
import org.memoria.common.contract.SubResources.PersonMemberships;
import org.memoria.common.contract.SubResources.PersonRelations;
import org.memoria.common.contract.SubResources.PlaceChildren;
import org.memoria.common.contract.SubResources.SourceCitations;
import org.memoria.common.contract.events.EventFilter;
import org.memoria.common.contract.events.PlaceFilter;
import org.memoria.common.contract.people.MembershipFilter;
import org.memoria.common.contract.people.OrganisationFilter;
import org.memoria.common.contract.people.PersonFilter;
import org.memoria.common.contract.people.PersonRelationView;
import org.memoria.common.contract.people.RelationFilter;
import org.memoria.common.contract.sources.CitationFilter;
import org.memoria.common.contract.sources.ClaimFilter;
import org.memoria.common.contract.sources.SourceFilter;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventView;
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.events.PlaceView;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationView;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.people.PersonView;
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.contract.people.RelationView;
import org.memoria.common.contract.sources.CitationInput;
import org.memoria.common.contract.sources.CitationView;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.contract.sources.ClaimView;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceView;

/**
 * The gateway's routed collections, said once: what differs between {@code /api/people}, {@code /api/places}, … is
 * the collection's name, the kind of its entities, the service that owns them, the input that service takes, what its
 * GET shows, its list and the sub-resources the owner serves under one entity. {@link RoutedResource} serves them all; {@link RoutedCollectionsDoc} names their operations.
 */
enum RoutedCollection {

    PEOPLE("people", EntityKind.PERSON, Owner.PEOPLE, PersonInput.class, PersonView.class, "getDossier", "A person's dossier",
            "The person with names and aliases (with periods), life dates and places, memberships, relations read from "
                    + "this person's side, the events they took part in with their role in date order, the sources they "
                    + "wrote, the passages about them, and the claims about them with status and evidence for and against.",
            PersonFilter.SUMMARY, PersonFilter.DESCRIPTION,
            new Related(PersonMemberships.TEXT, MembershipView.class),
            new Related(PersonRelations.TEXT, PersonRelationView.class)),
    ORGANISATIONS("organisations", EntityKind.ORGANISATION, Owner.PEOPLE, OrganisationInput.class, OrganisationView.class, "getOrganisation",
            "An organisation", "The organisation with its names, members, the events it took part in and what it published.",
            OrganisationFilter.SUMMARY, OrganisationFilter.DESCRIPTION,
            new Related(OrganisationMembers.TEXT, MembershipView.class)),
    MEMBERSHIPS("memberships", EntityKind.MEMBERSHIP, Owner.PEOPLE, MembershipInput.class, MembershipView.class, "getMembership",
            "A membership", "The person, the organisation, the role and the period.",
            MembershipFilter.SUMMARY, MembershipFilter.DESCRIPTION),
    RELATIONS("relations", EntityKind.RELATION, Owner.PEOPLE, RelationInput.class, RelationView.class, "getRelation", "A relation",
            "The relation read from its first person's side.",
            RelationFilter.SUMMARY, RelationFilter.DESCRIPTION),
    EVENTS("events", EntityKind.EVENT, Owner.EVENTS, EventInput.class, EventView.class, "getEvent", "An event",
            "The event with its participants (people and organisations) and their roles, its place with coordinates, "
                    + "its parent and child events, the passages about it and the claims about it.",
            EventFilter.SUMMARY, EventFilter.DESCRIPTION,
            new Related(EventChildren.TEXT, EventView.class)),
    PLACES("places", EntityKind.PLACE, Owner.EVENTS, PlaceInput.class, PlaceView.class, "getPlace", "A place",
            "The place with its alternate names, coordinates, enclosing and enclosed places, and the events that "
                    + "happened there.",
            PlaceFilter.SUMMARY, PlaceFilter.DESCRIPTION,
            new Related(PlaceChildren.TEXT, PlaceView.class)),
    SOURCES("sources", EntityKind.SOURCE, Owner.SOURCES, SourceInput.class, SourceView.class, "getSource", "A source",
            "The source with its authors, its cited passages and what they are about, and the claims whose evidence "
                    + "cites it.",
            SourceFilter.SUMMARY, SourceFilter.DESCRIPTION,
            new Related(SourceCitations.TEXT, CitationView.class)),
    CITATIONS("citations", EntityKind.CITATION, Owner.SOURCES, CitationInput.class, CitationView.class, "getCitation", "A cited passage",
            "The passage: its source, locator, quote and what it is about.",
            CitationFilter.SUMMARY, CitationFilter.DESCRIPTION),
    CLAIMS("claims", EntityKind.CLAIM, Owner.SOURCES, ClaimInput.class, ClaimView.class, "getClaim", "A claim with its evidence",
            "The statement, its status (derived from the evidence), the evidence for and against in date order with "
                    + "quotes and sources, and the history of its status.",
            ClaimFilter.SUMMARY, ClaimFilter.DESCRIPTION);

    /** The services that own the entities; each is reached at its base URL in {@code memoria.gateway.owners}. */
    enum Owner {
        PEOPLE, EVENTS, SOURCES;

        /** As problems and descriptions name it: "people service". */
        String label() {
            return name().toLowerCase() + " service";
        }
    }

    /** The path segment, in this API ({@code /api/people}) and at the owner ({@code /people}). */
    final String path;
    final EntityKind kind;
    final Owner owner;
    /** What POST and PUT take; the owner validates it, the gateway passes the body on untouched. */
    final Class<?> input;
    /** What the owner answers a write with (the entity as the owner holds it), relayed as it is. */
    final Class<?> written;
    final String getOperationId;
    final String getSummary;
    final String getDescription;
    /** The owner's list: its summary and description (its filters are the parameters of its {@code @BeanParam}). */
    final String listSummary;
    final String listDescription;
    /** The owner's sub-resources under {@code /<collection>/{id}/}, routed as they are. */
    final List<Related> related;

    /**
     * A page of entities that hangs from one entity, as the owner serves it at {@code /<collection>/{id}/<path>}.
     *
     * @param text  its path, operation id, summary, description and 200's description, as the owner says them
     * @param items the view its page holds (the owner's schema: its {@code @Schema} name)
     */
    record Related(SubResources.Text text, Class<?> items) {
    }

    RoutedCollection(String path, EntityKind kind, Owner owner, Class<?> input, Class<?> written, String getOperationId,
            String getSummary, String getDescription, String listSummary, String listDescription, Related... related) {
        this.path = path;
        this.kind = kind;
        this.owner = owner;
        this.input = input;
        this.written = written;
        this.getOperationId = getOperationId;
        this.getSummary = getSummary;
        this.getDescription = getDescription;
        this.listSummary = listSummary;
        this.listDescription = listDescription;
        this.related = List.of(related);
    }

    /** Where the owning service's replicas are reached. */
    List<URI> replicas(GatewayConfig config) {
        return switch (owner) {
            case PEOPLE -> config.owners().people();
            case EVENTS -> config.owners().events();
            case SOURCES -> config.owners().sources();
        };
    }

    /** The sub-resource at this path, if the collection has one. */
    Optional<Related> related(String path) {
        return related.stream().filter(r -> r.text().path().equals(path)).findFirst();
    }

    /** As the list's operation id names the collection: listPeople, listOrganisations. */
    String pluralNoun() {
        return Character.toUpperCase(path.charAt(0)) + path.substring(1);
    }

    /** The entity as a 404 names it: "person", "organisation". */
    String noun() {
        return kind.name().toLowerCase();
    }

    /** "a person", "an organisation". */
    String aNoun() {
        return ("aeiou".indexOf(noun().charAt(0)) >= 0 ? "an " : "a ") + noun();
    }

    /** As operation ids name it: createPerson, putOrganisation. */
    String operationNoun() {
        return Character.toUpperCase(noun().charAt(0)) + noun().substring(1);
    }
}
