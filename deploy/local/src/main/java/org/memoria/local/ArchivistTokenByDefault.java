package org.memoria.local;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Lets the services' tests write as an archivist without saying so on every request: a RestAssured request that
 * sets no {@code Authorization} header gets an archivist's token from the test JVM's issuer ({@link TestTokens}).
 * A test that checks roles sets its own header; {@code Authorization: anonymous} ({@link TestTokens#ANONYMOUS})
 * sends none at all.
 * <p>
 * A Quarkus test callback (META-INF/services), so that it runs in the class loader the test runs in: every
 * {@code @QuarkusTest} of a module that has memoria-local on its test class path gets it.
 */
public class ArchivistTokenByDefault implements QuarkusTestBeforeEachCallback {

    private static final DefaultAuthorization FILTER = new DefaultAuthorization(new java.util.function.Supplier<>() {
        private String token;

        @Override
        public synchronized String get() {
            if (token == null) {
                token = TestTokens.archivist("test-archivist");
            }
            return token;
        }
    });

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (ArchivistTokenByDefault.class) {
            if (!RestAssured.filters().contains(FILTER)) {
                RestAssured.filters(FILTER);
            }
        }
    }
}
