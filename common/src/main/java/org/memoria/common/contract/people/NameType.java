package org.memoria.common.contract.people;

/** Kinds of name a person is known by. */
public enum NameType {
    BIRTH, LEGAL, ALIAS, PARTY_NAME, PSEUDONYM, NICKNAME
}
