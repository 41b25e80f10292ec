package org.memoria.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.problem.InvalidInputException;
import org.memoria.common.problem.Problem.FieldError;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** How a request body is read: strictly, and with every problem collected with its path. */
class JsonInputTest {

    private final ObjectMapper mapper = JsonInput.configure(new ObjectMapper());

    private List<FieldError> problems(Class<?> type, String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputProblems.collecting(() -> mapper.readValue(json, type)));
        return e.errors();
    }

    /** Quotes in the table are written as ' and become ", so each body reads as JSON. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # body (PersonInput)                                                   | field                 | reason starts with
        {'preferredName': 'a\\u0000b'}                                         | preferredName         | must not contain U+0000 (NUL), found at index 1
        {'preferredName': 'a\\ud800b'}                                         | preferredName         | must not contain an unpaired surrogate (U+D800)
        {'preferredName': 'x', 'description': '\\uffff'}                        | description           | must not contain the noncharacter U+FFFF
        {'preferredName': 'x', 'names': [{'name': 'ok', 'type': 'ALIAS'}, {'name': '\\udc00', 'type': 'ALIAS'}]} | names[1].name | must not contain an unpaired surrogate
        {'preferredName': 12}                                                  | preferredName         | expected text, found a number
        {'preferredName': true}                                                | preferredName         | expected text, found a boolean
        {'preferredName': ['x']}                                               | preferredName         | expected text, found an array
        {'preferredName': {'x': 1}}                                            | preferredName         | expected text, found an object
        {'preferredName': 'x', 'names': [{'name': 'n', 'type': 2}]}            | names[0].type         | expected text, found a number
        {'preferredName': 'x', 'names': 'Jacson'}                              | names                 | expected an array, found text
        {'preferredName': 'x', 'names': ['Jacson']}                            | names[0]              | expected an object, found text
        {'preferredName': 'x', 'names': [7]}                                   | names[0]              | expected an object, found a number
        {'preferredName': 'x', 'birthPlaceId': '1-1-1-1-1'}                    | birthPlaceId          | '1-1-1-1-1' is not a UUID
        {'preferredName': 'x', 'birthPlaceId': 'AAAAAAAAAAAAAAAAAAAAAA=='}     | birthPlaceId          | 'AAAAAAAAAAAAAAAAAAAAAA==' is not a UUID
        {'preferredName': 'x', 'birthPlaceId': 42}                             | birthPlaceId          | expected a UUID (text), found a number
        {'preferredName': 'x', 'nickname': 'Mornard'}                          | nickname              | unknown field; allowed: birthDate, birthPlaceId
        {'preferredName': 'x', 'names': [{'name': 'n', 'type': 'ALIAS', 'x': [1, {'y': 2}]}]} | names[0].x | unknown field; allowed: name, period, sourceId, type
        {'preferredName': 'x', 'identifiers': {'wikidata': 'Q1', 'isni': '0'}} | identifiers.isni      | unknown field; allowed: gnd, viaf, wikidata
        {'identifiers': {'isni': '0'}, 'preferredName': 'x', 'description': 'd', 'birthDate': '1940', 'deathDate': '1941', 'names': [], 'birthPlaceId': null, 'deathPlaceId': null} | identifiers.isni | unknown field
        [{'preferredName': 'x'}]                                               | (body)                | expected an object, found an array
        "'Ramón'"                                                              | (body)                | expected an object, found text
        """)
    void eachProblemIsNamedByItsPath(String body, String field, String reason) {
        List<FieldError> errors = problems(PersonInput.class, body.replace('\'', '"'));
        assertEquals(1, errors.size(), () -> errors.toString());
        assertEquals(field, errors.get(0).field());
        assertTrue(errors.get(0).reason().startsWith(reason), () -> errors.get(0).reason());
    }

    @Test
    void everyProblemOfABodyIsCollectedAndTheRestIsRead() throws Exception {
        String json = """
                {"title": "Attack", "type": "SIEGE", "date": 1940, "placeId": "nowhere", "placeName": "Coyoac\\u0000n",
                 "participants": [{"personId": "599d5dc6-a390-3f2e-8484-4b1c1c5c59a4", "role": "ORGANISER"},
                                  {"organisationId": [], "role": "VILLAIN", "note": "fine"}],
                 "colour": "red"}""";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputProblems.collecting(() -> mapper.readValue(json, EventInput.class)));
        // a vocabulary code is text to the reader; the owning service checks it against its vocabulary
        assertEquals(List.of("date", "placeId", "placeName", "participants[1].organisationId", "colour"),
                e.errors().stream().map(FieldError::field).toList());
        EventInput read = assertInstanceOf(EventInput.class, e.value());
        assertEquals("Attack", read.title());
        assertEquals("SIEGE", read.type());
        assertNull(read.placeName());
        assertEquals(UUID.fromString("599d5dc6-a390-3f2e-8484-4b1c1c5c59a4"), read.participants().get(0).personId());
        assertEquals("fine", read.participants().get(1).note());
    }

    @Test
    void textIsNeverCoercedNorNumbersFromText() {
        assertEquals("latitude", problems(PlaceInput.class,
                "{\"name\": \"x\", \"type\": \"CITY\", \"latitude\": \"19.3\", \"longitude\": -99}").get(0).field());
        assertEquals("expected a number, found text", problems(PlaceInput.class,
                "{\"name\": \"x\", \"type\": \"CITY\", \"latitude\": \"19.3\", \"longitude\": -99}").get(0).reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # malformed document                        | exception, message starts with
        {'statement': 'x'} {'statement': 'y'}       | MismatchedInputException | Trailing token
        {'statement': 'x'} x                        | JsonParseException       | Unrecognized token 'x'
        {'statement': 'x', 'statement': 'y'}        | JsonParseException       | Duplicate field 'statement'
        {'statement': 'x'                           | JsonParseException       | Unexpected end-of-input
        {statement: 'x'}                            | JsonParseException       | Unexpected character
        """)
    void malformedDocumentsFailWhole(String body, String exception, String message) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> InputProblems.collecting(() -> mapper.readValue(body.replace('\'', '"'), ClaimInput.class)));
        assertEquals(exception, e instanceof MismatchedInputException ? "MismatchedInputException"
                : e instanceof JsonParseException ? "JsonParseException" : e.getClass().getSimpleName());
        assertTrue(e.getOriginalMessage().startsWith(message), e::getOriginalMessage);
        assertTrue(e.getLocation().getLineNr() >= 1);
    }

    @Test
    void jacksonQuotesAtMostAnExcerptOfTheInput() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> mapper.readValue("{\"statement\": " + "x".repeat(100_000) + "}", ClaimInput.class));
        assertTrue(e.getOriginalMessage().length() < 300, e::getOriginalMessage);
    }

    @Test
    void outsideARequestBodyJacksonFailsAsUsual() {
        // change events and stored documents: the first problem is an exception, nothing is collected
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"preferredName\": \"a\\ud800\"}", PersonInput.class));
        assertTrue(e.getOriginalMessage().contains("unpaired surrogate"), e::getOriginalMessage);
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"preferredName\": 1}", PersonInput.class));
    }

    @Test
    void aValidBodyReadsAsBefore() throws Exception {
        PersonInput p = InputProblems.collecting(() -> mapper.readValue("""
                {"preferredName": "Ramón Mercader", "names": [{"name": "Jacques Mornard", "type": "ALIAS"}],
                 "birthDate": "1913-02-07", "birthPlaceId": "599D5DC6-A390-3F2E-8484-4B1C1C5C59A4",
                 "description": "line\\nbreak\\tand tab \\ud83d\\ude00"}""", PersonInput.class));
        assertEquals("Ramón Mercader", p.preferredName());
        assertEquals("line\nbreak\tand tab \uD83D\uDE00", p.description());
        assertEquals(UUID.fromString("599d5dc6-a390-3f2e-8484-4b1c1c5c59a4"), p.birthPlaceId());
    }
}
