package org.memoria.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Where webhooks may go in production (no loopback allowed): public addresses only, over http(s). */
class WebhookTargetsTest {

    @Test
    void refusesEveryAddressThatIsNotPublic() {
        for (String url : List.of("http://127.0.0.1/hook", "http://localhost:8080/hook", "http://[::1]/hook",
                "http://10.0.0.8/hook", "http://172.16.4.1/hook", "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/hook", "http://[fd00::1]/hook",
                "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://[::ffff:10.0.0.1]/hook", "http://224.0.0.1/",
                "http://2130706433/hook")) {
            Optional<String> refusal = WebhookTargets.refusal(url, false);
            assertTrue(refusal.isPresent(), url + " must be refused");
        }
    }

    @Test
    void refusesOtherSchemesCredentialsAndNonsense() {
        assertEquals(Optional.of("must be an http or https URL"), WebhookTargets.refusal("ftp://93.184.216.34/", false));
        assertEquals(Optional.of("must be an http or https URL"), WebhookTargets.refusal("file:///etc/passwd", false));
        assertEquals(Optional.of("must not carry a user name or password"),
                WebhookTargets.refusal("https://u:p@93.184.216.34/", false));
        assertTrue(WebhookTargets.refusal("https://93.184.216.34/" + "x".repeat(2000), false).isPresent());
        assertTrue(WebhookTargets.refusal("not a url", false).isPresent());
        assertTrue(WebhookTargets.refusal(" ", false).isPresent());
    }

    @Test
    void acceptsPublicAddressesAndLoopbackOnlyWhenAllowed() {
        assertEquals(Optional.empty(), WebhookTargets.refusal("https://93.184.216.34/memoria/hooks", false));
        assertEquals(Optional.empty(), WebhookTargets.refusal("http://[2606:4700:4700::1111]:8443/hooks", false));
        assertEquals(Optional.empty(), WebhookTargets.refusal("http://127.0.0.1:9000/hooks", true));
        assertTrue(WebhookTargets.refusal("http://10.0.0.8/hook", true).isPresent(), "loopback only, not private");
    }
}
