package org.memoria.common.contract.sources;

/**
 * How much a piece of evidence weighs: INDICATIVE (an assertion, an argument, a testimony) or CONCLUSIVE
 * (documentary proof, e.g. the decrypted cables). The rules in docs/claims.md derive a claim's status from them.
 */
public enum Strength {
    INDICATIVE, CONCLUSIVE
}
