package org.memoria.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.events.PlaceType;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;
import org.memoria.gateway.events.Projection.Link;
import org.memoria.gateway.events.Projection.Term;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the read model keeps of each kind of payload (a plain unit test: no Quarkus, no database): the columns views
 * sort and filter on, the links to other entities (which become resolved or unresolved references) and the terms the
 * entity is found by.
 */
class ProjectionMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID trotsky = UUID.randomUUID();
    private final UUID sedova = UUID.randomUUID();
    private final UUID coyoacan = UUID.randomUUID();
    private final UUID yanovka = UUID.randomUUID();
    private final UUID article = UUID.randomUUID();
    private final UUID fourth = UUID.randomUUID();
    private final UUID gpu = UUID.randomUUID();

    private static Projection project(String aggregate, Object state) throws IOException {
        return Projection.of(aggregate, JSON.writeValueAsBytes(state), JSON);
    }

    @Test
    void aPersonIsFoundByEveryNameOnceAndLinksToItsPlacesAndTheSourcesOfItsNames() throws IOException {
        Projection p = project("person", new PersonState(trotsky, 3, "Leon Trotsky", List.of(
                new PersonState.Name("Lev Davidovich Bronstein", NameType.BIRTH, "1879/1902", article),
                new PersonState.Name("Leon Trotsky", NameType.PARTY_NAME, null, null),
                new PersonState.Name("the Old Man", NameType.NICKNAME, null, null),
                new PersonState.Name("the Old Man", NameType.ALIAS, null, null),
                new PersonState.Name(" ", NameType.ALIAS, null, null)),
                "1879-11-07", yanovka, "1940-08-21", coyoacan, "Revolutionary", null));

        assertEquals(EntityKind.PERSON, p.kind());
        assertEquals("Leon Trotsky", p.label());
        assertNull(p.subtype());
        assertEquals("1879-11-07", p.date());
        assertEquals("1940-08-21", p.end());
        assertEquals(List.of(new Link(Links.BIRTH_PLACE, EntityKind.PLACE, yanovka, null),
                new Link(Links.DEATH_PLACE, EntityKind.PLACE, coyoacan, null),
                new Link(Links.NAME_SOURCE, EntityKind.SOURCE, article, "Lev Davidovich Bronstein")), p.links());
        // the preferred name weighs most; another name equal to it, a repeated one or a blank one adds nothing
        assertEquals(List.of(new Term("name", 3, "Leon Trotsky"),
                new Term("other name", 2, "Lev Davidovich Bronstein"), new Term("other name", 2, "the Old Man"),
                new Term("description", 1, "Revolutionary")), p.terms());
    }

    @Test
    void aPersonWithoutNamesPlacesOrTextHasOnlyItsName() throws IOException {
        Projection p = project("person", new PersonState(sedova, 0, "Natalia Sedova", null, null, null, null, null,
                " ", null));
        assertEquals(List.of(), p.links());
        assertEquals(List.of(new Term("name", 3, "Natalia Sedova")), p.terms());
        assertNull(p.date());
    }

    @Test
    void anOrganisationHasItsTypeFoundingAndDissolution() throws IOException {
        Projection p = project("organisation", new OrganisationState(fourth, 1, "Fourth International",
                List.of(new PersonState.Name("FI", NameType.ALIAS, null, article)),
                OrganisationType.INTERNATIONAL, "1938-09-03", "1953", "Founded in Périgny", null));
        assertEquals(EntityKind.ORGANISATION, p.kind());
        assertEquals("INTERNATIONAL", p.subtype());
        assertEquals("1938-09-03", p.date());
        assertEquals("1953", p.end());
        assertEquals(List.of(new Link(Links.NAME_SOURCE, EntityKind.SOURCE, article, "FI")), p.links());
        assertEquals(List.of(new Term("name", 3, "Fourth International"), new Term("other name", 2, "FI"),
                new Term("description", 1, "Founded in Périgny")), p.terms());

        Projection bare = project("organisation", new OrganisationState(gpu, 0, "GPU", null, null, null, null,
                null, null));
        assertNull(bare.subtype());
        assertEquals(List.of(), bare.links());
        assertEquals(List.of(new Term("name", 3, "GPU")), bare.terms());
    }

    @Test
    void aMembershipLinksItsMemberOrganisationAndSourceWithTheRole() throws IOException {
        UUID id = UUID.randomUUID();
        Projection p = project("membership", new MembershipState(id, 0, trotsky, fourth, "leader",
                "1938-09/1940-08-21", article));
        assertEquals(EntityKind.MEMBERSHIP, p.kind());
        assertEquals("leader", p.label());
        assertEquals("1938-09/1940-08-21", p.date());
        assertNull(p.end());
        assertEquals(List.of(new Link(Links.MEMBER, EntityKind.PERSON, trotsky, "leader"),
                new Link(Links.OF_ORGANISATION, EntityKind.ORGANISATION, fourth, "leader"),
                new Link(Links.SOURCE, EntityKind.SOURCE, article, null)), p.links());
        assertEquals(List.of(), p.terms());
    }

    @Test
    void aRelationLinksBothPersonsWithItsType() throws IOException {
        UUID id = UUID.randomUUID();
        Projection p = project("relation", new RelationState(id, 0, trotsky, RelationType.SPOUSE, sedova,
                "1903/1940", null, null));
        assertEquals(EntityKind.RELATION, p.kind());
        assertEquals("SPOUSE", p.label());
        assertEquals("SPOUSE", p.subtype());
        assertEquals("1903/1940", p.date());
        assertEquals(List.of(new Link(Links.RELATION_FROM, EntityKind.PERSON, trotsky, "SPOUSE"),
                new Link(Links.RELATION_TO, EntityKind.PERSON, sedova, "SPOUSE")), p.links());

        Projection untyped = project("relation", new RelationState(id, 1, trotsky, null, null, null, null, article));
        assertNull(untyped.label());
        assertEquals(List.of(new Link(Links.RELATION_FROM, EntityKind.PERSON, trotsky, null),
                new Link(Links.SOURCE, EntityKind.SOURCE, article, null)), untyped.links());
    }

    @Test
    void anEventLinksItsPlaceParentAndParticipantsPeopleOrOrganisations() throws IOException {
        UUID attack = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        Projection p = project("event", new EventState(attack, 2, "May 24 attack", EventType.ATTACK, "1940-05-24",
                coyoacan, "Coyoacán", "Machine-gun raid", campaign, List.of(
                        new EventState.Participant(trotsky, null, ParticipantRole.VICTIM, null),
                        new EventState.Participant(null, gpu, ParticipantRole.ORGANISER, null),
                        new EventState.Participant(sedova, null, null, null))));
        assertEquals(EntityKind.EVENT, p.kind());
        assertEquals("May 24 attack", p.label());
        assertEquals("ATTACK", p.subtype());
        assertEquals("1940-05-24", p.date());
        assertNull(p.end());
        assertEquals(List.of(new Link(Links.PLACE, EntityKind.PLACE, coyoacan, null),
                new Link(Links.PARENT, EntityKind.EVENT, campaign, null),
                new Link(Links.PARTICIPANT, EntityKind.PERSON, trotsky, "VICTIM"),
                new Link(Links.PARTICIPANT, EntityKind.ORGANISATION, gpu, "ORGANISER"),
                new Link(Links.PARTICIPANT, EntityKind.PERSON, sedova, null)), p.links());
        assertEquals(List.of(new Term("name", 3, "May 24 attack"), new Term("other name", 2, "Coyoacán"),
                new Term("description", 1, "Machine-gun raid")), p.terms());

        Projection bare = project("event", new EventState(attack, 3, "May 24 attack", null, null, null, null, null,
                null, null));
        assertNull(bare.subtype());
        assertEquals(List.of(), bare.links());
        assertEquals(List.of(new Term("name", 3, "May 24 attack")), bare.terms());
    }

    @Test
    void aPlaceLinksTheOneItIsInAndIsFoundByItsOtherNames() throws IOException {
        UUID house = UUID.randomUUID();
        Projection p = project("place", new PlaceState(house, 0, "Trotsky's house", List.of("Casa de Trotsky",
                "Trotsky's house"), PlaceType.BUILDING, 19.3553, -99.1606, coyoacan, "Avenida Viena 19"));
        assertEquals(EntityKind.PLACE, p.kind());
        assertEquals("BUILDING", p.subtype());
        assertNull(p.date());
        assertEquals(List.of(new Link(Links.PARENT, EntityKind.PLACE, coyoacan, null)), p.links());
        assertEquals(List.of(new Term("name", 3, "Trotsky's house"), new Term("other name", 2, "Casa de Trotsky"),
                new Term("description", 1, "Avenida Viena 19")), p.terms());

        Projection bare = project("place", new PlaceState(house, 1, "Coyoacán", null, null, null, null, null, null));
        assertEquals(List.of(), bare.links());
        assertEquals(List.of(new Term("name", 3, "Coyoacán")), bare.terms());
    }

    @Test
    void aSourceLinksItsAuthorsPeopleAndOrganisations() throws IOException {
        Projection p = project("source", new SourceState(article, 0, SourceType.ARTICLE, "Stalin Seeks My Death", List.of(),
                List.of(trotsky), List.of(fourth), "1940-06-08", null, null, "en", null, "On the May 24 attack"));
        assertEquals(EntityKind.SOURCE, p.kind());
        assertEquals("ARTICLE", p.subtype());
        assertEquals("1940-06-08", p.date());
        assertEquals(List.of(new Link(Links.AUTHOR, EntityKind.PERSON, trotsky, null),
                new Link(Links.AUTHOR, EntityKind.ORGANISATION, fourth, null)), p.links());
        assertEquals(List.of(new Term("name", 3, "Stalin Seeks My Death"),
                new Term("description", 1, "On the May 24 attack")), p.terms());

        Projection anonymous = project("source", new SourceState(article, 1, SourceType.REPORT, "Report", List.of(), null, null,
                null, null, null, null, null, null));
        assertEquals(List.of(), anonymous.links());
    }

    @Test
    void aCitationLinksItsSourceWithTheLocatorAndWhatItIsAbout() throws IOException {
        UUID id = UUID.randomUUID();
        Projection p = project("citation", new CitationState(id, 0, article, "p. 3", "Splinters of glass",
                List.of(new SubjectRef(EntityKind.PERSON, trotsky), new SubjectRef(EntityKind.PLACE, coyoacan)),
                null));
        assertEquals(EntityKind.CITATION, p.kind());
        assertEquals("Splinters of glass", p.label());
        assertEquals(List.of(new Link(Links.SOURCE, EntityKind.SOURCE, article, "p. 3"),
                new Link(Links.ABOUT, EntityKind.PERSON, trotsky, null),
                new Link(Links.ABOUT, EntityKind.PLACE, coyoacan, null)), p.links());
        assertEquals(List.of(new Term("quote", 1, "Splinters of glass")), p.terms());

        Projection bare = project("citation", new CitationState(id, 1, article, null, null, null, null));
        assertEquals(List.of(new Link(Links.SOURCE, EntityKind.SOURCE, article, null)), bare.links());
        assertEquals(List.of(), bare.terms());
    }

    @Test
    void aClaimLinksItsSubjectsAndItsEvidenceWithTheStanceAndKeepsItsStatus() throws IOException {
        UUID id = UUID.randomUUID();
        UUID venona = UUID.randomUUID();
        UUID denial = UUID.randomUUID();
        Projection p = project("claim", new ClaimState(id, 0, "Harte was a GPU agent",
                List.of(new SubjectRef(EntityKind.PERSON, sedova)),
                List.of(new ClaimState.Evidence(denial, Stance.DISPUTES, Strength.INDICATIVE, null, article, "1975"),
                        new ClaimState.Evidence(venona, Stance.SUPPORTS, Strength.CONCLUSIVE, null, article, "1992")),
                ClaimStatus.ESTABLISHED, List.of()));
        assertEquals(EntityKind.CLAIM, p.kind());
        assertEquals("Harte was a GPU agent", p.label());
        assertEquals("ESTABLISHED", p.subtype());
        assertEquals(List.of(new Link(Links.SUBJECT, EntityKind.PERSON, sedova, null),
                new Link(Links.EVIDENCE, EntityKind.CITATION, denial, "DISPUTES"),
                new Link(Links.EVIDENCE, EntityKind.CITATION, venona, "SUPPORTS")), p.links());
        assertEquals(List.of(new Term("statement", 1, "Harte was a GPU agent")), p.terms());

        Projection bare = project("claim", new ClaimState(id, 1, " ", null, null, null, null));
        assertNull(bare.subtype());
        assertEquals(List.of(), bare.links());
        assertEquals(List.of(), bare.terms());
    }

    @Test
    void anAggregateNameIsItsKindAndAnUnknownOneIsRefused() {
        assertEquals(EntityKind.MEMBERSHIP, Projection.kindOf("membership"));
        assertThrows(IllegalArgumentException.class, () -> Projection.of("animal", "{}".getBytes(), JSON));
        assertThrows(IOException.class, () -> Projection.of("person", "{\"preferredName\": ".getBytes(), JSON));
    }
}
