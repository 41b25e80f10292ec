package org.memoria.gateway;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole list of the archive API, page after page. */
final class Pages {

    private Pages() {
    }

    /**
     * Every item of a list: an assertion about what a list leaves out must look at all of it, not at one page of a
     * read model that every gateway test writes to.
     */
    static List<Map<String, Object>> allItems(String path, Map<String, ?> parameters) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0;; page++) {
            var body = given().queryParams(parameters).queryParam("size", 100).queryParam("page", page).get(path)
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(body.getList("items"));
            if ((long) (page + 1) * 100 >= body.getLong("total")) {
                return items;
            }
        }
    }

    /** One field of every item of a list. */
    static List<Object> allValues(String path, Map<String, ?> parameters, String field) {
        return allItems(path, parameters).stream().map(item -> item.get(field)).toList();
    }
}
