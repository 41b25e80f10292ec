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

    @Test
    void anAbsentStrengthWeighsAsIndicative() {
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
        assertEquals(List.of(new StatusChange("1975-05", ASSERTED, icfi.citationId()),
                new StatusChange("1975-06/1977", DISPUTED, swp.citationId()),
                new StatusChange("1995", ESTABLISHED, venona.citationId())), d.history());
    }

    @Test
    void theFirstEntryIsTheStatusAfterTheFirstEvidenceWhateverItIs() {
        Evidence slander = evidence(SUPPORTS, INDICATIVE, "1940-05-25");
        Evidence investigation = evidence(DISPUTES, CONCLUSIVE, "1940-06-18");
        ClaimStatusRules.Derivation d = ClaimStatusRules.derive(List.of(investigation, slander));
        assertEquals(List.of(new StatusChange("1940-05-25", ASSERTED, slander.citationId()),
                new StatusChange("1940-06-18", REFUTED, investigation.citationId())), d.history());
        assertEquals(REFUTED, d.status());

        Evidence dispute = evidence(DISPUTES, INDICATIVE, "1975");
        assertEquals(List.of(new StatusChange("1975", DISPUTED, dispute.citationId())),
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
        assertEquals(new StatusChange(null, ESTABLISHED, undated.citationId()), d.history().get(d.history().size() - 1));
    }
}
