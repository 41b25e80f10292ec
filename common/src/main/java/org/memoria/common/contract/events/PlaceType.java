package org.memoria.common.contract.events;

/** Kinds of place. */
public enum PlaceType {
    COUNTRY, REGION, CITY, DISTRICT, BUILDING, SITE, RIVER, OTHER
}
