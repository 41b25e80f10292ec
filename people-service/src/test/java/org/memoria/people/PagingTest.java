package org.memoria.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.memoria.common.testing.PagingChecks;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every list of this service refuses bad paging (page=first, size=0, …) as a 400 problem naming the parameter. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class PagingTest {

    @Test
    void everyListRefusesBadPagingAsA400NamingTheParameter() throws Exception {
        var checks = new PagingChecks(RestAssured.baseURI + ":" + RestAssured.port);
        List<String> lists = checks.pagedPaths();
        // the lists this service documents: a list added later is checked too, and none can go missing unseen
        assertEquals(List.of("/memberships", "/organisations", "/organisations/{id}/members", "/people",
                "/people/{id}/memberships", "/people/{id}/relations", "/relations"), lists);
        assertEquals(List.of(), checks.failures(lists));
    }
}
