package org.memoria.common.vocabulary;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import org.memoria.common.contract.vocabulary.TermInput;
import org.memoria.common.contract.vocabulary.TermView;
import org.memoria.common.outbox.Outbox;
import org.memoria.common.outbox.OutboxConfig;
import org.memoria.common.problem.InvalidReferenceException;
import org.memoria.common.problem.StillReferencedException;
import org.memoria.common.validation.Text;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The managed vocabularies an owning service validates (docs/model.md): reads with labels by language, the check of
 * a record's code (any case; an unknown one answered with the closest terms), and an admin's writes, each published
 * as a change event ({@code org.memoria.term.changed.v1}) through the outbox like any entity's.
 *
 * <p><b>The codes are remembered.</b> Every write of a record checks its codes (an event's type and each participant's
 * role), and reading the term of each was a tenth of an owner's work in the write benchmark. So each process keeps
 * the codes of a vocabulary, as the vocabulary spells them, for {@code memoria.vocabularies.cache-for} (10 s) after
 * reading them all in one query. A code it does not hold is looked up in the database before it is refused, so a
 * term another replica just added is accepted at once. A term this process adds, changes or deletes drops what it
 * holds of the vocabulary when the transaction ends; a term another replica deleted can still be accepted here until
 * the time is up (docs/model.md). Labels are not remembered: they are read where a view shows them.
 */
@ApplicationScoped
@IfBuildProperty(name = "memoria.outbox.enabled", stringValue = "true")
public class Vocabularies {

    /** The change events' aggregate (CloudEvents type {@code org.memoria.term.changed.v1}). */
    public static final String AGGREGATE = "term";
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0," + (ManagedVocabulary.CODE_LENGTH - 1) + "}");
    private static final int SUGGESTIONS = 3;

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    OutboxConfig outboxConfig;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @ConfigProperty(name = "memoria.vocabularies.cache-for", defaultValue = "10s")
    Duration cacheFor;

    /** Per vocabulary (its path): each code in lower case → the code as the vocabulary spells it. */
    private Cache<String, Map<String, String>> codes;

    @PostConstruct
    void init() {
        codes = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(ManagedVocabulary.values().length).build();
    }

    /** Why this string cannot be a code, or null. */
    public static String shapeProblem(String code) {
        if (CODE.matcher(code).matches()) {
            return null;
        }
        return Text.quoted(code) + " is not a code: a letter, then letters, digits, _ or -, at most "
                + ManagedVocabulary.CODE_LENGTH + " characters";
    }

    /** The vocabularies this service owns. */
    public List<ManagedVocabulary> owned() {
        return ManagedVocabulary.ownedBy(owner());
    }

    public boolean owns(ManagedVocabulary vocabulary) {
        return vocabulary.owner.equals(owner());
    }

    private String owner() {
        // /memoria/people-service → people
        String source = outboxConfig.source();
        String last = source.substring(source.lastIndexOf('/') + 1);
        return last.endsWith("-service") ? last.substring(0, last.length() - "-service".length()) : last;
    }

    public List<TermView> terms(ManagedVocabulary vocabulary, List<Locale.LanguageRange> languages) {
        return VocabularyTerm.of(vocabulary.path).stream().map(t -> view(t, languages)).toList();
    }

    public Optional<TermView> term(ManagedVocabulary vocabulary, String code, List<Locale.LanguageRange> languages) {
        return find(vocabulary, code).map(t -> view(t, languages));
    }

    private Optional<VocabularyTerm> find(ManagedVocabulary vocabulary, String code) {
        if (code == null || shapeProblem(code) != null) {
            return Optional.empty();
        }
        return VocabularyTerm.<VocabularyTerm>findByIdOptional(vocabulary.termId(code));
    }

    /**
     * The code as the vocabulary spells it, from the codes this process remembers, else from the database (a term
     * added since, here or by another replica); null when the vocabulary has no such term.
     */
    private String spelled(ManagedVocabulary vocabulary, String code) {
        if (code == null || shapeProblem(code) != null) {
            return null;
        }
        String spelled = codes.get(vocabulary.path, this::load).get(code.toLowerCase(Locale.ROOT));
        if (spelled != null) {
            return spelled;
        }
        Optional<VocabularyTerm> added = find(vocabulary, code);
        if (added.isPresent()) {
            codes.invalidate(vocabulary.path);
            return added.get().code;
        }
        return null;
    }

    private Map<String, String> load(String vocabulary) {
        Map<String, String> spelled = new HashMap<>();
        for (VocabularyTerm t : VocabularyTerm.of(vocabulary)) {
            spelled.put(t.code.toLowerCase(Locale.ROOT), t.code);
        }
        return Map.copyOf(spelled);
    }

    /** When the transaction that writes a term of {@code vocabulary} ends, committed or not, what is held of it goes. */
    private void forgetWhenDone(ManagedVocabulary vocabulary) {
        codes.invalidate(vocabulary.path);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                codes.invalidate(vocabulary.path);
            }
        });
    }

    /** The code as the vocabulary spells it ({@code attack} → {@code ATTACK}); null stays null. */
    public String code(ManagedVocabulary vocabulary, String code) {
        if (code == null) {
            return null;
        }
        String spelled = spelled(vocabulary, code);
        return spelled == null ? code : spelled;
    }

    /** The term's English label, or the code in lower case when the vocabulary has no such term. */
    public String label(ManagedVocabulary vocabulary, String code) {
        return code == null ? null : find(vocabulary, code).map(t -> t.labels.get(Languages.DEFAULT))
                .orElse(code.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    /** The term's English inverse label (read from the other end), else its label. */
    public String inverseLabel(ManagedVocabulary vocabulary, String code) {
        return code == null ? null : find(vocabulary, code).map(t -> t.inverseLabels.get(Languages.DEFAULT))
                .orElseGet(() -> label(vocabulary, code));
    }

    /**
     * A list filter's code as the vocabulary spells it; null stays null.
     *
     * @throws jakarta.ws.rs.BadRequestException naming the parameter, with the closest terms, when it is no term
     */
    public String filterCode(jakarta.ws.rs.core.UriInfo uri, String parameter, ManagedVocabulary vocabulary, String code) {
        if (code == null) {
            return null;
        }
        String spelled = spelled(vocabulary, code);
        if (spelled == null) {
            throw org.memoria.common.api.QueryParameters.invalid(uri, parameter,
                    unknownAmong(vocabulary, live(vocabulary), code));
        }
        return spelled;
    }

    /** Why {@code code} is not a term of {@code vocabulary} (with the closest terms), or null when it is one. */
    public String unknown(ManagedVocabulary vocabulary, String code) {
        if (spelled(vocabulary, code) != null) {
            return null;
        }
        return unknownAmong(vocabulary, live(vocabulary), code);
    }

    private Map<String, String> live(ManagedVocabulary vocabulary) {
        Map<String, String> live = new LinkedHashMap<>();
        for (VocabularyTerm t : VocabularyTerm.of(vocabulary.path)) {
            if (!t.deprecated) {
                live.put(t.code, t.labels.get(Languages.DEFAULT));
            }
        }
        return live;
    }

    /**
     * The codes of {@code live} (code → English label) nearest to {@code code}, nearest first: by edit distance to the
     * code or the label, a part of either counting as near ("PARTY" for POLITICAL_PARTY); ties by code.
     */
    public static List<String> closest(Map<String, String> live, String code) {
        String wanted = code.toLowerCase(Locale.ROOT);
        record Scored(String code, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        live.forEach((liveCode, englishLabel) -> {
            String c = liveCode.toLowerCase(Locale.ROOT);
            String label = (englishLabel == null ? c : englishLabel).toLowerCase(Locale.ROOT).replace(' ', '_');
            int d = Math.min(distance(wanted, c), distance(wanted, label));
            if (c.contains(wanted) || label.contains(wanted) || (wanted.length() > 2 && wanted.contains(c))) {
                d = Math.min(d, 1);
            }
            scored.add(new Scored(liveCode, d));
        });
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::code))
                .limit(SUGGESTIONS).map(Scored::code).toList();
    }

    /** Why {@code code} is not among {@code live} (code → English label), with the closest; null when it is. */
    public static String unknownAmong(ManagedVocabulary vocabulary, Map<String, String> live, String code) {
        if (live.keySet().stream().anyMatch(c -> c.equalsIgnoreCase(code))) {
            return null;
        }
        List<String> closest = closest(live, code);
        return Text.quoted(code) + " is not a term of " + vocabulary.path
                + (closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest))
                + " (all terms: GET /vocabularies/" + vocabulary.path + ")";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** What a PUT did: the term as it is now, and whether it was created. */
    public record Written(TermView term, boolean created) {
    }

    /**
     * Creates or replaces a term; an unchanged term keeps its version and publishes nothing.
     *
     * @throws InvalidReferenceException when {@code broader} names no term of the vocabulary, or the term itself or one
     *         below it
     */
    @Transactional
    public Written put(ManagedVocabulary vocabulary, String code, TermInput input, List<Locale.LanguageRange> languages) {
        forgetWhenDone(vocabulary);
        Optional<VocabularyTerm> existing = find(vocabulary, code);
        VocabularyTerm term = existing.orElseGet(VocabularyTerm::new);
        String broader = null;
        if (input.broader() != null) {
            VocabularyTerm parent = find(vocabulary, input.broader()).orElseThrow(() -> invalidBroader(unknown(vocabulary, input.broader())));
            if (below(vocabulary, parent, code)) {
                throw invalidBroader(Text.quoted(input.broader())
                        + " is " + code + " or a narrower term of it: a term cannot be broader than itself");
            }
            broader = parent.code;
        }
        Map<String, String> labels = new TreeMap<>(input.labels());
        Map<String, String> scopeNotes = new TreeMap<>(input.scopeNotes());
        Map<String, String> inverseLabels = new TreeMap<>(input.inverseLabels());
        List<String> exactMatch = input.exactMatch().stream().map(URI::toString).distinct().toList();
        boolean deprecated = Boolean.TRUE.equals(input.deprecated());
        if (existing.isPresent() && labels.equals(term.labels) && scopeNotes.equals(term.scopeNotes)
                && java.util.Objects.equals(broader, term.broader) && exactMatch.equals(term.exactMatch)
                && deprecated == term.deprecated && inverseLabels.equals(term.inverseLabels)) {
            return new Written(view(term, languages), false);
        }
        if (existing.isEmpty()) {
            term.id = vocabulary.termId(code);
            term.vocabulary = vocabulary.path;
            term.code = code;
            term.version = deletedVersion(term.id) + 1;
        } else {
            term.version++;
        }
        term.labels = labels;
        term.scopeNotes = scopeNotes;
        term.broader = broader;
        term.exactMatch = exactMatch;
        term.deprecated = deprecated;
        term.inverseLabels = inverseLabels;
        term.updatedAt = OffsetDateTime.now();
        if (existing.isEmpty()) {
            term.persist();
        }
        em.flush();
        outbox.changed(topic(), AGGREGATE, term.id, term.version, view(term, List.of()));
        return new Written(view(term, languages), existing.isEmpty());
    }

    private static InvalidReferenceException invalidBroader(String reason) {
        return new InvalidReferenceException(List.of(new org.memoria.common.problem.Problem.FieldError("broader", reason)));
    }

    /** Whether {@code candidate} is the term {@code code} or below it. */
    private boolean below(ManagedVocabulary vocabulary, VocabularyTerm candidate, String code) {
        Set<UUID> seen = new HashSet<>();
        UUID target = vocabulary.termId(code);
        VocabularyTerm t = candidate;
        while (t != null && seen.add(t.id)) {
            if (t.id.equals(target)) {
                return true;
            }
            t = t.broader == null ? null : find(vocabulary, t.broader).orElse(null);
        }
        return false;
    }

    /**
     * Deletes a term no record uses and no term has as broader.
     *
     * @return false when there is no such term
     * @throws StillReferencedException when it is in use (deprecate it instead)
     */
    @Transactional
    public boolean delete(ManagedVocabulary vocabulary, String code) {
        forgetWhenDone(vocabulary);
        Optional<VocabularyTerm> found = find(vocabulary, code);
        if (found.isEmpty()) {
            return false;
        }
        VocabularyTerm term = found.get();
        long uses = uses(vocabulary, term.code);
        long narrower = VocabularyTerm.count("vocabulary = ?1 and lower(broader) = lower(?2)", vocabulary.path, term.code);
        if (uses > 0 || narrower > 0) {
            throw new StillReferencedException(term.code + " is still "
                    + (uses > 0 ? "used by " + uses + " record" + (uses == 1 ? "" : "s") : "")
                    + (uses > 0 && narrower > 0 ? " and " : "")
                    + (narrower > 0 ? "the broader term of " + narrower + " term" + (narrower == 1 ? "" : "s") : "")
                    + ": deprecate it instead (PUT it with \"deprecated\": true)");
        }
        long tombstone = term.version + 1;
        term.delete();
        em.unwrap(Session.class).doWork(c -> {
            try (var s = c.prepareStatement("insert into deleted_entity (id, version) values (?, ?) "
                    + "on conflict (id) do update set version = excluded.version, deleted_at = now()")) {
                s.setObject(1, term.id);
                s.setLong(2, tombstone);
                s.executeUpdate();
            }
        });
        outbox.deleted(topic(), AGGREGATE, term.id, tombstone);
        return true;
    }

    /** How many records use the code (in any case), over every column that holds codes of the vocabulary. */
    long uses(ManagedVocabulary vocabulary, String code) {
        long total = 0;
        for (String use : vocabulary.uses) {
            int dot = use.indexOf('.');
            // table and column names come from the enum, never from a request
            total += ((Number) em.createNativeQuery("select count(*) from " + use.substring(0, dot)
                    + " where upper(" + use.substring(dot + 1) + ") = upper(?1)").setParameter(1, code)
                    .getSingleResult()).longValue();
        }
        return total;
    }

    private long deletedVersion(UUID id) {
        List<?> rows = em.createNativeQuery("select version from deleted_entity where id = ?1").setParameter(1, id)
                .getResultList();
        return rows.isEmpty() ? -1 : ((Number) rows.get(0)).longValue();
    }

    private String topic() {
        return outboxConfig.topic().orElseThrow(() -> new IllegalStateException("memoria.outbox.topic is not set"));
    }

    static TermView view(VocabularyTerm t, List<Locale.LanguageRange> languages) {
        String language = Languages.pick(t.labels, languages);
        String noteLanguage = Languages.pick(t.scopeNotes, languages);
        String inverseLanguage = Languages.pick(t.inverseLabels, languages);
        return new TermView(t.id, t.version, t.vocabulary, t.code, t.labels.get(language), language,
                new TreeMap<>(t.labels),
                noteLanguage == null ? null : t.scopeNotes.get(noteLanguage), new TreeMap<>(t.scopeNotes), t.broader,
                t.exactMatch.stream().map(URI::create).toList(), t.deprecated,
                inverseLanguage == null ? null : t.inverseLabels.get(inverseLanguage), new TreeMap<>(t.inverseLabels));
    }
}
