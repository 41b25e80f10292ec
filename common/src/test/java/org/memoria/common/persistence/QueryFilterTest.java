package org.memoria.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A list's where clause from optional criteria: an absent criterion adds nothing, a given one its condition. */
class QueryFilterTest {

    @Test
    void noCriterionNoWhereClause() {
        QueryFilter filter = new QueryFilter().equal("e.type", "type", null).contains("  ", "x like :t", "t")
                .overlaps("e.date", null, null).refersTo("c.about", "about", null, null);
        assertEquals("", filter.where());
        assertEquals(Map.of(), filter.parameters().map());
    }

    @Test
    void eachGivenCriterionAddsItsConditionAndParameter() {
        LocalDate from = LocalDate.of(1940, 5, 1);
        QueryFilter filter = new QueryFilter().equal("e.type", "type", "ATTACK").overlaps("e.date", from, null)
                .refersTo("c.subjects", "subject", null, "42");
        assertEquals(" where e.type = :type and e.date.edtf is not null and (e.date.latest is null or e.date.latest "
                + ">= :from) and exists (select 1 from c.subjects r where r.subjectId = :subjectId)", filter.where());
        assertEquals(Map.of("type", "ATTACK", "from", from, "subjectId", "42"), filter.parameters().map());
    }

    @Test
    void aTextIsFoundAnywhereInLowerCaseWithItsWildcardsEscaped() {
        assertEquals("%100\\% sure\\_ \\\\o/%", QueryFilter.containing(" 100% SURE_ \\o/ "));
    }
}
