package org.memoria.common.contract.people;

/**
 * Kinds of person-to-person relation, read from the first person: "A is SPOUSE of B", "A is PARENT of B",
 * "A is HANDLER of B". Each has the label read from the other end.
 */
public enum RelationType {
    SPOUSE("spouse of", "spouse of"),
    PARENT("parent of", "child of"),
    GRANDPARENT("grandparent of", "grandchild of"),
    SIBLING("sibling of", "sibling of"),
    HANDLER("handler of", "handled by"),
    LIAISON("liaison of", "had as liaison"),
    SECRETARY("secretary of", "had as secretary"),
    ASSOCIATE("associate of", "associate of");

    public final String label;
    public final String inverseLabel;

    RelationType(String label, String inverseLabel) {
        this.label = label;
        this.inverseLabel = inverseLabel;
    }
}
