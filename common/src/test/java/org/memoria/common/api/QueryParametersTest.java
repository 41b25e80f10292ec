package org.memoria.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.problem.Problem;

/**
 * Query parameters as the resources convert them (a plain unit test): absent or blank is "no filter", a value that
 * cannot be converted is a 400 problem naming the parameter, why, and what it accepts.
 */
class QueryParametersTest {

    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(QueryParametersTest.class.getClassLoader(),
            new Class<?>[] { UriInfo.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getPath" -> "/people";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    /** The problem a rejected parameter gives: its one field error. */
    private static Problem.FieldError rejected(Executable conversion) {
        BadRequestException e = assertThrows(BadRequestException.class, conversion);
        assertEquals(400, e.getResponse().getStatus());
        Problem problem = (Problem) e.getResponse().getEntity();
        assertEquals(400, problem.status());
        assertEquals("/people", problem.instance());
        assertEquals(1, problem.errors().size());
        Problem.FieldError error = problem.errors().get(0);
        assertEquals(error.field() + ": " + error.reason(), problem.detail());
        return error;
    }

    @Test
    void anEnumValueIsItsExactNameAndAWrongOneListsTheAllowedOnes() {
        assertEquals(Stance.DISPUTES, QueryParameters.enumValue(URI, "stance", "DISPUTES", Stance.class));
        assertNull(QueryParameters.enumValue(URI, "stance", null, Stance.class));
        assertNull(QueryParameters.enumValue(URI, "stance", " ", Stance.class));
        assertEquals(new Problem.FieldError("stance", "'disputes' is not one of SUPPORTS, DISPUTES"),
                rejected(() -> QueryParameters.enumValue(URI, "stance", "disputes", Stance.class)));
    }

    @Test
    void aUuidIsParsedAndAnythingElseRejected() {
        UUID id = UUID.randomUUID();
        assertEquals(id, QueryParameters.uuid(URI, "personId", id.toString()));
        assertNull(QueryParameters.uuid(URI, "personId", null));
        assertNull(QueryParameters.uuid(URI, "personId", ""));
        assertEquals(new Problem.FieldError("personId", "'trotsky' is not a valid UUID"),
                rejected(() -> QueryParameters.uuid(URI, "personId", "trotsky")));
    }

    @Test
    void aDayIsAnIsoDay() {
        assertEquals(LocalDate.of(1940, 5, 24), QueryParameters.day(URI, "on", " 1940-05-24 "));
        assertNull(QueryParameters.day(URI, "on", null));
        assertNull(QueryParameters.day(URI, "on", "  "));
        assertEquals(new Problem.FieldError("on", "'1940-02-30' is not an ISO day such as 1940-05-24"),
                rejected(() -> QueryParameters.day(URI, "on", "1940-02-30")));
        rejected(() -> QueryParameters.day(URI, "on", "1940-05"));
    }

    @Test
    void anEdtfBoundIsTheFirstOrLastDayTheDateCanBe() {
        assertEquals(LocalDate.of(1913, 1, 1), QueryParameters.earliest(URI, "bornFrom", "1913"));
        assertEquals(LocalDate.of(1913, 12, 31), QueryParameters.latest(URI, "bornTo", " 1913 "));
        assertEquals(LocalDate.of(1937, 6, 1), QueryParameters.earliest(URI, "from", "1937-22"));
        assertEquals(LocalDate.of(1937, 8, 31), QueryParameters.latest(URI, "to", "1937-22"));
        assertNull(QueryParameters.earliest(URI, "bornFrom", null));
        assertNull(QueryParameters.latest(URI, "bornTo", ""));
        Problem.FieldError error = rejected(() -> QueryParameters.earliest(URI, "bornFrom", "1913-13"));
        assertEquals("bornFrom", error.field());
        assertTrue(error.reason().contains("position 5"), error.reason());
        assertEquals("bornTo", rejected(() -> QueryParameters.latest(URI, "bornTo", "summer 1937")).field());
    }

    @Test
    void aPageIsFromZeroAndASizeFromOneToTheMaximum() {
        assertEquals(0, QueryParameters.page(URI, null));
        assertEquals(0, QueryParameters.page(URI, " "));
        assertEquals(0, QueryParameters.page(URI, "0"));
        assertEquals(7, QueryParameters.page(URI, " 7 "));
        assertEquals(Integer.MAX_VALUE, QueryParameters.page(URI, Integer.toString(Integer.MAX_VALUE)));
        assertEquals(new Problem.FieldError("page", "must be at least 0"),
                rejected(() -> QueryParameters.page(URI, "-1")));
        assertEquals(new Problem.FieldError("page", "'first' is not a whole number"),
                rejected(() -> QueryParameters.page(URI, "first")));

        assertEquals(Page.DEFAULT_SIZE, QueryParameters.size(URI, null));
        assertEquals(Page.DEFAULT_SIZE, QueryParameters.size(URI, ""));
        assertEquals(1, QueryParameters.size(URI, "1"));
        assertEquals(Page.MAX_SIZE, QueryParameters.size(URI, Integer.toString(Page.MAX_SIZE)));
        for (String size : List.of("0", Integer.toString(Page.MAX_SIZE + 1))) {
            assertEquals(new Problem.FieldError("size", "must be between 1 and " + Page.MAX_SIZE),
                    rejected(() -> QueryParameters.size(URI, size)));
        }
        assertEquals("size", rejected(() -> QueryParameters.size(URI, "2.5")).field());
    }
}
