package org.memoria.common.contract.sources;

import java.util.List;

import org.memoria.common.contract.vocabulary.ManagedVocabulary;

/**
 * Kinds of source. A managed vocabulary ({@link ManagedVocabulary#SOURCE_TYPES}), no longer a closed list: an admin adds, labels
 * and deprecates terms through {@code /vocabularies/source-types} (docs/model.md). These are the
 * codes it is seeded with.
 */
public final class SourceType {
    public static final ManagedVocabulary VOCABULARY = ManagedVocabulary.SOURCE_TYPES;

    public static final String ARTICLE = "ARTICLE";
    public static final String BOOK = "BOOK";
    public static final String ESSAY = "ESSAY";
    public static final String ARCHIVAL_RECORD = "ARCHIVAL_RECORD";
    public static final String DECRYPTED_CABLE = "DECRYPTED_CABLE";
    public static final String STATEMENT = "STATEMENT";
    public static final String NEWSPAPER = "NEWSPAPER";
    public static final String LETTER = "LETTER";
    public static final String INTERVIEW = "INTERVIEW";
    public static final String REPORT = "REPORT";
    public static final String SERIES = "SERIES";

    /** The seeded codes, in the order the vocabulary was first written. */
    public static final List<String> SEEDED = List.of(ARTICLE, BOOK, ESSAY, ARCHIVAL_RECORD, DECRYPTED_CABLE, STATEMENT, NEWSPAPER, LETTER, INTERVIEW, REPORT, SERIES);

    private SourceType() {
    }
}
