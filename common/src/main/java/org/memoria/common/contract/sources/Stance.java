package org.memoria.common.contract.sources;

/** What a piece of evidence does to a claim. */
public enum Stance {
    SUPPORTS, DISPUTES
}
