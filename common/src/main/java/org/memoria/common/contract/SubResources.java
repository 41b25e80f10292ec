package org.memoria.common.contract;

/**
 * The owners' sub-resources ({@code /events/{id}/children}, …) as their documents name and describe them, said once
 * for the owner that serves each and the gateway that routes to it: operation id, summary, description, and what the
 * 200 answers.
 */
public final class SubResources {

    private SubResources() {
    }

    /** One sub-resource's texts, for a document that names it from a table (the gateway's). */
    public record Text(String path, String operationId, String summary, String description, String answer) {
    }

    /** {@code /organisations/{id}/members}. */
    public static final class OrganisationMembers {
        public static final String PATH = "members";
        public static final String ID = "listOrganisationMembers";
        public static final String SUMMARY = "An organisation's members";
        public static final String DESCRIPTION = "The organisation's memberships with the members' names, role and "
                + "period; chronologically, undated ones last.";
        public static final String ANSWER = "A page of memberships";
        public static final Text TEXT = new Text(PATH, ID, SUMMARY, DESCRIPTION, ANSWER);

        private OrganisationMembers() {
        }
    }

    /** {@code /people/{id}/memberships}. */
    public static final class PersonMemberships {
        public static final String PATH = "memberships";
        public static final String ID = "listPersonMemberships";
        public static final String SUMMARY = "A person's memberships";
        public static final String DESCRIPTION = "The organisations the person belongs or belonged to, with their names, "
                + "role and period; chronologically, undated ones last.";
        public static final String ANSWER = "A page of memberships";
        public static final Text TEXT = new Text(PATH, ID, SUMMARY, DESCRIPTION, ANSWER);

        private PersonMemberships() {
        }
    }

    /** {@code /people/{id}/relations}. */
    public static final class PersonRelations {
        public static final String PATH = "relations";
        public static final String ID = "listPersonRelations";
        public static final String SUMMARY = "A person's relations, read from their side";
        public static final String DESCRIPTION = "Relations in both directions. `label` reads the type from this "
                + "person: for \"Sylvia Ageloff LIAISON Ramón Mercader\", Ageloff's list says \"liaison of\" Ramón "
                + "Mercader and Mercader's says \"had as liaison\" Sylvia Ageloff. Chronologically, undated ones last.";
        public static final String ANSWER = "A page of relations";
        public static final Text TEXT = new Text(PATH, ID, SUMMARY, DESCRIPTION, ANSWER);

        private PersonRelations() {
        }
    }

    /** {@code /events/{id}/children}. */
    public static final class EventChildren {
        public static final String PATH = "children";
        public static final String ID = "getEventChildren";
        public static final String SUMMARY = "The events that are part of an event";
        public static final String DESCRIPTION = "Sub-events (whose parentEventId is this event), in chronological "
                + "order, undated last.";
        public static final String ANSWER = "A page of sub-events";
        public static final Text TEXT = new Text(PATH, ID, SUMMARY, DESCRIPTION, ANSWER);

        private EventChildren() {
        }
    }

    /** {@code /places/{id}/children}. */
    public static final class PlaceChildren {
        public static final String PATH = "children";
        public static final String ID = "getPlaceChildren";
        public static final String SUMMARY = "The places directly inside a place";
        public static final String DESCRIPTION = "Places whose parentPlaceId is this place, by name.";
        public static final String ANSWER = "A page of places";
        public static final Text TEXT = new Text(PATH, ID, SUMMARY, DESCRIPTION, ANSWER);

        private PlaceChildren() {
        }
    }

    /** {@code /sources/{id}/citations}. */
    public static final class SourceCitations {
        public static final String PATH = "citations";
        public static final String ID = "listSourceCitations";
        public static final String SUMMARY = "The passages cited from a source";
        public static final String DESCRIPTION = "The citations whose source this is, in the order they were recorded.";
        public static final String ANSWER = "A page of citations";
        public static final Text TEXT = new Text(PATH, ID, SUMMARY, DESCRIPTION, ANSWER);

        private SourceCitations() {
        }
    }
}
