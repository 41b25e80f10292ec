package org.memoria.local;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Lets the services' tests write as an archivist without saying so on every request: a RestAssured request that
 * sets no {@code Authorization} header gets an archivist's token from the test JVM's issuer
 * ({@link TestTokens}). A test that checks roles sets its own header; {@code Authorization:
 * anonymous} (see {@link #ANONYMOUS}) sends none at all.
 * <p>
 * A Quarkus test callback (META-INF/services), so that it runs in the class loader the test runs in: every
 * {@code @QuarkusTest} of a module that has memoria-local on its test class path gets it.
 */
public class ArchivistTokenByDefault implements QuarkusTestBeforeEachCallback {

    /** The header value that makes a request anonymous: {@code given().header("Authorization", ANONYMOUS)}. */
    public static final String ANONYMOUS = "anonymous";

    private static final Filter FILTER = new Filter() {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            String authorization = request.getHeaders().getValue("Authorization");
            if (authorization == null) {
                request.header("Authorization", TOKEN.get());
            } else if (ANONYMOUS.equals(authorization)) {
                request.removeHeader("Authorization");
            }
            return context.next(request, response);
        }
    };

    private static final java.util.function.Supplier<String> TOKEN = new java.util.function.Supplier<>() {
        private String token;

        @Override
        public synchronized String get() {
            if (token == null) {
                token = TestTokens.archivist("test-archivist");
            }
            return token;
        }
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (ArchivistTokenByDefault.class) {
            if (!RestAssured.filters().contains(FILTER)) {
                RestAssured.filters(FILTER);
            }
        }
    }
}
