package org.memoria.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.gdcc.xoai.exceptions.BadResumptionTokenException;
import io.gdcc.xoai.model.oaipmh.Granularity;
import io.gdcc.xoai.model.oaipmh.ResumptionToken;
import io.gdcc.xoai.services.api.ResumptionTokenFormat;

/**
 * Stateless resumption tokens: the token is the selection and the position reached, nothing is kept on the server, so
 * a token stays good across restarts and on every replica, and never expires. {@code offset} is the change-feed
 * position of the last record sent (not a count): the next page is the selection's records whose latest change lies
 * after it, which no later change can shift. Written as base64url (no padding) of
 * {@code 1;<position>;<metadataPrefix>;<set>;<from>;<until>}, datestamps as epoch seconds, absent ones empty.
 */
final class OaiResumptionTokens implements ResumptionTokenFormat {

    private static final String VERSION = "1";

    private final Set<String> prefixes;
    private final Set<String> sets;

    OaiResumptionTokens(Set<String> prefixes, Set<String> sets) {
        this.prefixes = prefixes;
        this.sets = sets;
    }

    @Override
    public ResumptionTokenFormat withGranularity(Granularity granularity) {
        return this; // datestamps travel as epoch seconds, whatever the granularity
    }

    @Override
    public String format(ResumptionToken.Value value) {
        String token = String.join(";", VERSION, Long.toString(value.getOffset()),
                value.hasMetadataPrefix() ? value.getMetadataPrefix() : "",
                value.hasSetSpec() ? value.getSetSpec() : "",
                value.hasFrom() ? Long.toString(value.getFrom().getEpochSecond()) : "",
                value.hasUntil() ? Long.toString(value.getUntil().getEpochSecond()) : "");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ResumptionToken.Value parse(String token) throws BadResumptionTokenException {
        if (token == null || token.isEmpty()) {
            throw new BadResumptionTokenException("The resumption token is empty");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadResumptionTokenException("The resumption token is not one this repository gave");
        }
        String[] parts = text.split(";", -1);
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            throw new BadResumptionTokenException("The resumption token is not one this repository gave");
        }
        try {
            long position = Long.parseLong(parts[1]);
            if (position < 0 || !prefixes.contains(parts[2]) || !(parts[3].isEmpty() || sets.contains(parts[3]))) {
                throw new BadResumptionTokenException("The resumption token is not one this repository gave");
            }
            ResumptionToken.ValueBuilder value = new ResumptionToken.ValueBuilder().withOffset(position)
                    .withMetadataPrefix(parts[2]);
            if (!parts[3].isEmpty()) {
                value.withSetSpec(parts[3]);
            }
            if (!parts[4].isEmpty()) {
                value.withFrom(Instant.ofEpochSecond(Long.parseLong(parts[4])));
            }
            if (!parts[5].isEmpty()) {
                value.withUntil(Instant.ofEpochSecond(Long.parseLong(parts[5])));
            }
            return value.build();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new BadResumptionTokenException("The resumption token is not one this repository gave");
        }
    }
}
