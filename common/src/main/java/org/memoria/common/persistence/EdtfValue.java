package org.memoria.common.persistence;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;

/** An EDTF string stored with its computed bounds, for sorting and interval queries. */
@Embeddable
public class EdtfValue {
    @Column(length = 200)
    public String edtf;
    public LocalDate earliest;
    public LocalDate latest;

    /** null for a null or blank string. */
    public static EdtfValue of(String edtf) {
        if (edtf == null || edtf.isBlank()) {
            return null;
        }
        EdtfDate date = Edtf.parse(edtf);
        EdtfValue value = new EdtfValue();
        value.edtf = edtf;
        value.earliest = date.earliest();
        value.latest = date.latest();
        return value;
    }

    public static String edtf(EdtfValue value) {
        return value == null ? null : value.edtf;
    }
}
