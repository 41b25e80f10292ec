package org.memoria.common.contract.sources;

/** A claim's standing, derived from its evidence (docs/claims.md). */
public enum ClaimStatus {
    ASSERTED, DISPUTED, ESTABLISHED, REFUTED
}
