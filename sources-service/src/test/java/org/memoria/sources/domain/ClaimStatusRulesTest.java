package org.memoria.sources.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memoria.common.contract.sources.ClaimStatus.ASSERTED;
import static org.memoria.common.contract.sources.ClaimStatus.DISPUTED;
import static org.memoria.common.contract.sources.ClaimStatus.ESTABLISHED;
import static org.memoria.common.contract.sources.ClaimStatus.REFUTED;
import static org.memoria.common.contract.sources.Stance.DISPUTES;
import static org.memoria.common.contract.sources.Stance.SUPPORTS;
import static org.memoria.common.contract.sources.Strength.CONCLUSIVE;
import static org.memoria.common.contract.sources.Strength.INDICATIVE;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.sources.ClaimState.Evidence;
import org.memoria.common.contract.sources.ClaimState.StatusChange;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;

/** The rules of docs/claims.md, one by one, and the Harte history they give. */
class ClaimStatusRulesTest {

    private static Evidence evidence(Stance stance, Strength strength, String date) {
        return new Evidence(UUID.randomUUID(), stance, strength, null, UUID.randomUUID(), date);
    }

    private static Evidence evidence(String citationId, Stance stance, Strength strength, String date) {
        return new Evidence(UUID.fromString(citationId), stance, strength, null, UUID.randomUUID(), date);
    }

    @Test
    void noEvidenceIsAsserted() {
        assertEquals(ASSERTED, ClaimStatusRules.statusOf(List.of()));
        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of());
        assertEquals(ASSERTED, d.status());
        assertEquals(List.of(), d.history());
    }

    @Test
    void onlyIndicativeSupportIsAsserted() {
        assertEquals(ASSERTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, INDICATIVE, "1975"),
                evidence(SUPPORTS, INDICATIVE, "1990"))));
    }

    /** Evidence named by its source, without a citation, with a locator of its own. */
    private static Evidence direct(String sourceId, Stance stance, Strength strength, String date, String locator) {
        return new Evidence(null, stance, strength, null, UUID.fromString(sourceId), date, locator, null);
    }

    @Test
    void unweighedEvidenceCountsLikeIndicative() {
        assertEquals(INDICATIVE, ClaimStatusRules.weight(null));
        assertEquals(CONCLUSIVE, ClaimStatusRules.weight(CONCLUSIVE));
        assertEquals(ASSERTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, null, "1975"))));
        assertEquals(DISPUTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, CONCLUSIVE, "1995"),
                evidence(DISPUTES, CONCLUSIVE, "1996"), evidence(DISPUTES, null, "1997"))));
        // had the missing strength counted as conclusive, this would be DISPUTED, not ESTABLISHED
        assertEquals(ESTABLISHED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, CONCLUSIVE, "1995"),
                evidence(DISPUTES, null, "1975"))));
    }

    @Test
    void unweighedEvidenceNeverEstablishesNorRefutes() {
        // any amount of unweighed support leaves the claim asserted, any amount of unweighed dispute disputed
        assertEquals(ASSERTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, null, "1940"),
                evidence(SUPPORTS, null, "1950"), evidence(SUPPORTS, null, "1995"))));
        assertEquals(DISPUTED, ClaimStatusRules.statusOf(List.of(evidence(DISPUTES, null, "1940"),
                evidence(DISPUTES, null, "1941"))));
        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of(evidence(SUPPORTS, null, "1975"),
                evidence(SUPPORTS, null, "1992")));
        assertEquals(List.of(ASSERTED), d.history().stream().map(StatusChange::status).toList());
        // once someone weighs one of them as conclusive, it does
        assertEquals(ESTABLISHED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, null, "1975"),
                evidence(SUPPORTS, CONCLUSIVE, "1992"))));
        assertEquals(REFUTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, null, "1975"),
                evidence(DISPUTES, CONCLUSIVE, "1992"))));
    }

    @Test
    void anyDisputeWithoutConclusiveEvidenceIsDisputed() {
        assertEquals(DISPUTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, INDICATIVE, "1975"),
                evidence(DISPUTES, INDICATIVE, "1976"))));
    }

    @Test
    void onlyDisputingEvidenceIsDisputed() {
        assertEquals(DISPUTED, ClaimStatusRules.statusOf(List.of(evidence(DISPUTES, INDICATIVE, "1940"))));
        assertEquals(DISPUTED, ClaimStatusRules.statusOf(List.of(evidence(DISPUTES, null, "1940"),
                evidence(DISPUTES, INDICATIVE, "1941"))));
    }

    @Test
    void conclusiveSupportWithoutConclusiveDisputeIsEstablished() {
        assertEquals(ESTABLISHED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, CONCLUSIVE, "1995"))));
        assertEquals(ESTABLISHED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, INDICATIVE, "1975"),
                evidence(DISPUTES, INDICATIVE, "1976"), evidence(SUPPORTS, CONCLUSIVE, "1995"))));
    }

    @Test
    void conclusiveDisputeWithoutConclusiveSupportIsRefuted() {
        assertEquals(REFUTED, ClaimStatusRules.statusOf(List.of(evidence(DISPUTES, CONCLUSIVE, "1940-06"))));
        assertEquals(REFUTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, INDICATIVE, "1940-05-25"),
                evidence(SUPPORTS, null, "1940-05-26"), evidence(DISPUTES, CONCLUSIVE, "1940-06"))));
    }

    @Test
    void conclusiveEvidenceOnBothSidesIsDisputed() {
        assertEquals(DISPUTED, ClaimStatusRules.statusOf(List.of(evidence(SUPPORTS, CONCLUSIVE, "1995"),
                evidence(DISPUTES, CONCLUSIVE, "1996"))));
    }

    @Test
    void theHarteHistoryRecordsEachChangeAtTheDateOfItsEvidence() {
        Evidence venona = evidence(SUPPORTS, CONCLUSIVE, "1995");
        Evidence icfi = evidence(SUPPORTS, INDICATIVE, "1975-05");
        Evidence swp = evidence(DISPUTES, INDICATIVE, "1975-06/1977");
        Evidence icfiAgain = evidence(SUPPORTS, INDICATIVE, "1976"); // changes nothing: no entry
        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of(venona, swp, icfiAgain, icfi));

        assertEquals(List.of(icfi, swp, icfiAgain, venona), d.evidence());
        assertEquals(ESTABLISHED, d.status());
        assertEquals(List.of(new StatusChange("1975-05", ASSERTED, icfi.citationId(), icfi.sourceId()),
                new StatusChange("1975-06/1977", DISPUTED, swp.citationId(), swp.sourceId()),
                new StatusChange("1995", ESTABLISHED, venona.citationId(), venona.sourceId())), d.history());
    }

    @Test
    void theFirstEntryIsTheStatusAfterTheFirstEvidenceWhateverItIs() {
        Evidence slander = evidence(SUPPORTS, INDICATIVE, "1940-05-25");
        Evidence investigation = evidence(DISPUTES, CONCLUSIVE, "1940-06-18");
        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of(investigation, slander));
        assertEquals(List.of(new StatusChange("1940-05-25", ASSERTED, slander.citationId(), slander.sourceId()),
                new StatusChange("1940-06-18", REFUTED, investigation.citationId(), investigation.sourceId())),
                d.history());
        assertEquals(REFUTED, d.status());

        Evidence dispute = evidence(DISPUTES, INDICATIVE, "1975");
        assertEquals(List.of(new StatusChange("1975", DISPUTED, dispute.citationId(), dispute.sourceId())),
                ClaimStatusRules.derive(List.of(dispute)).history());
    }

    @Test
    void ordersByEarliestDayThenUndatedLastThenByCitationId() {
        Evidence undated = evidence("00000000-0000-4000-8000-000000000002", SUPPORTS, CONCLUSIVE, null);
        Evidence openStart = evidence("00000000-0000-4000-8000-000000000001", SUPPORTS, INDICATIVE, "../1940");
        Evidence year = evidence("00000000-0000-4000-8000-00000000000b", DISPUTES, INDICATIVE, "1940");
        Evidence sameDayLowerId = evidence("00000000-0000-4000-8000-00000000000a", SUPPORTS, INDICATIVE, "1940-01-01");
        Evidence may = evidence("00000000-0000-4000-8000-000000000003", SUPPORTS, INDICATIVE, "[1940-05-26,1940-05-27]");

        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of(undated, may, openStart, year, sameDayLowerId));

        assertEquals(List.of(sameDayLowerId, year, may, openStart, undated), d.evidence());
        // an undated entry that changes the status is recorded without a date
        assertEquals(new StatusChange(null, ESTABLISHED, undated.citationId(), undated.sourceId()),
                d.history().get(d.history().size() - 1));
    }

    @Test
    void evidenceNamingItsSourceDirectlyIsOrderedByThatSourcesDateAndNamesItInTheHistory() {
        Evidence cited = evidence("00000000-0000-4000-8000-000000000009", SUPPORTS, INDICATIVE, "1975-05");
        Evidence statement = direct("00000000-0000-4000-8000-0000000000a1", DISPUTES, null, "1975-06", "p. 2");
        Evidence archives = direct("00000000-0000-4000-8000-0000000000a2", SUPPORTS, CONCLUSIVE, "1992", null);
        // the same source named twice, at the same date: by its locator
        Evidence archivesAgain = direct("00000000-0000-4000-8000-0000000000a2", SUPPORTS, CONCLUSIVE, "1992", "f. 12");
        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of(archivesAgain, archives, statement, cited));

        assertEquals(List.of(cited, statement, archives, archivesAgain), d.evidence());
        assertEquals(List.of(new StatusChange("1975-05", ASSERTED, cited.citationId(), cited.sourceId()),
                new StatusChange("1975-06", DISPUTED, null, statement.sourceId()),
                new StatusChange("1992", ESTABLISHED, null, archives.sourceId())), d.history());
        // ties between a citation and a source named directly go by the id of the citation or of the source
        Evidence sameDay = direct("00000000-0000-4000-8000-000000000001", SUPPORTS, null, "1975-05", null);
        assertEquals(List.of(sameDay, cited), ClaimStatusRules.derive(List.of(cited, sameDay)).evidence());
    }
}
