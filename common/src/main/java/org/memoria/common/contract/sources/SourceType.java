package org.memoria.common.contract.sources;

/** Kinds of source. */
public enum SourceType {
    ARTICLE, BOOK, ESSAY, ARCHIVAL_RECORD, DECRYPTED_CABLE, STATEMENT, NEWSPAPER, LETTER, INTERVIEW, REPORT, SERIES
}
