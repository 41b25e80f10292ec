package org.memoria.local;

import java.util.function.Supplier;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * A RestAssured filter for tests: a request that sets no {@code Authorization} header gets the default one; a
 * request whose header is {@value #ANONYMOUS} is sent without any. (A default header in RestAssured's request
 * specification would be sent beside a test's own, not instead of it.)
 */
public final class DefaultAuthorization implements Filter {

    /** The header value that makes a request anonymous: {@code given().header("Authorization", ANONYMOUS)}. */
    public static final String ANONYMOUS = "anonymous";

    private final Supplier<String> value;

    /** @param value the whole header value, e.g. {@code "Bearer " + token}; asked for on first use */
    public DefaultAuthorization(Supplier<String> value) {
        this.value = value;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        String authorization = request.getHeaders().getValue("Authorization");
        if (authorization == null) {
            request.header("Authorization", value.get());
        } else if (ANONYMOUS.equals(authorization)) {
            request.removeHeader("Authorization");
        }
        return context.next(request, response);
    }
}
