package org.memoria.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code ./memoria token --role archivist --name "Ada"} (also {@code --role partner --partner <id>},
 * {@code --role admin}, {@code --ttl 2h}): prints a token signed with the local stack's key pair.
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        Set<String> roles = new LinkedHashSet<>();
        String name = null;
        String partner = null;
        Duration ttl = Tokens.DEFAULT_TTL;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--role" -> roles.add(require(args[i], value));
                case "--name" -> name = require(args[i], value);
                case "--partner" -> partner = require(args[i], value);
                case "--ttl" -> ttl = Duration.parse("PT" + require(args[i], value).toUpperCase());
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (roles.isEmpty()) {
            usage("give at least one --role (reader, archivist, partner, admin)");
        }
        for (String role : roles) {
            if (!Set.of("reader", "archivist", "partner", "admin").contains(role)) {
                usage("unknown role " + role);
            }
        }
        if (roles.contains("partner") && partner == null) {
            usage("a partner token needs --partner <id>");
        }
        String subject = name != null ? name : partner != null ? "partner:" + partner : String.join("+", roles);
        Path data = Path.of(System.getProperty("memoria.data", ".memoria")).toAbsolutePath();
        Tokens tokens = Tokens.inDirectory(data.resolve("keys"));
        System.out.println(tokens.issue(Tokens.ISSUER, subject, roles, partner, Instant.now().plus(ttl)));
    }

    private static String require(String option, String value) {
        if (value == null || value.isBlank()) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("memoria token: " + problem);
        System.err.println("usage: ./memoria token --role archivist|admin|reader [--name NAME] [--ttl 12h]");
        System.err.println("       ./memoria token --role partner --partner ID [--name NAME] [--ttl 12h]");
        System.exit(2);
    }
}
