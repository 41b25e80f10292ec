package org.memoria.common.contract.people;

/** Kinds of organisation. */
public enum OrganisationType {
    POLITICAL_PARTY, INTERNATIONAL, INTELLIGENCE_SERVICE, POLICE, TRADE_UNION, GOVERNMENT, PUBLISHER, MILITIA, OTHER
}
