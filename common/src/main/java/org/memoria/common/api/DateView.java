package org.memoria.common.api;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.edtf.Edtf;
import org.memoria.common.edtf.EdtfDate;

/** An EDTF date as clients see it: the stored string, its computed bounds and a readable rendering. */
@Schema(description = "An EDTF date: the stored EDTF string, computed earliest/latest days, and an English rendering")
public record DateView(
        @Schema(example = "[1940-05-26,1940-05-27]") String edtf,
        @Schema(example = "1940-05-26") LocalDate earliest,
        @Schema(example = "1940-05-27") LocalDate latest,
        @Schema(example = "May 26 or 27, 1940") String display,
        @Schema(description = "true when the date is marked uncertain (? or %)") boolean uncertain,
        @Schema(description = "true when the date is marked approximate (~ or %)") boolean approximate) {

    /** null for a null or blank string; the string must already be valid. */
    public static DateView of(String edtf) {
        if (edtf == null || edtf.isBlank()) {
            return null;
        }
        EdtfDate date = Edtf.parse(edtf);
        return new DateView(edtf, date.earliest(), date.latest(), date.render(), date.uncertain(), date.approximate());
    }
}
