package org.memoria.gateway.service;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.stream.XMLStreamException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.config.OaiConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gdcc.xoai.dataprovider.DataProvider;
import io.gdcc.xoai.dataprovider.exceptions.handler.IdDoesNotExistException;
import io.gdcc.xoai.dataprovider.filter.ScopedFilter;
import io.gdcc.xoai.dataprovider.model.Context;
import io.gdcc.xoai.dataprovider.model.Item;
import io.gdcc.xoai.dataprovider.model.ItemIdentifier;
import io.gdcc.xoai.dataprovider.model.MetadataFormat;
import io.gdcc.xoai.dataprovider.model.Set;
import io.gdcc.xoai.dataprovider.repository.ItemRepository;
import io.gdcc.xoai.dataprovider.repository.Repository;
import io.gdcc.xoai.dataprovider.repository.RepositoryConfiguration;
import io.gdcc.xoai.dataprovider.repository.ResultsPage;
import io.gdcc.xoai.dataprovider.repository.SetRepository;
import io.gdcc.xoai.model.oaipmh.DeletedRecord;
import io.gdcc.xoai.model.oaipmh.Granularity;
import io.gdcc.xoai.model.oaipmh.OAIPMH;
import io.gdcc.xoai.model.oaipmh.ResumptionToken;
import io.gdcc.xoai.model.oaipmh.results.record.Metadata;
import io.gdcc.xoai.model.oaipmh.verbs.ListIdentifiers;
import io.gdcc.xoai.model.oaipmh.verbs.ListRecords;
import io.gdcc.xoai.xml.XmlWriter;

/**
 * The OAI-PMH 2.0 data provider: xoai's {@link DataProvider} parses and checks each request, answers errors and
 * writes the response; this class gives it the archive ({@link OaiRecords}), the sets (one per harvested kind), the
 * formats ({@code oai_dc}, and {@code memoria} with its own schema) and the stateless resumption tokens
 * ({@link OaiResumptionTokens}). A provider is made per request: it holds nothing between requests, which is what
 * lets a token work on any replica and after a restart.
 */
@ApplicationScoped
public class OaiPmh {

    /** Records or headers per list response, at most. */
    public static final int PAGE = 100;
    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Map<String, EntityKind> SETS = OaiRecords.KINDS.stream()
            .collect(Collectors.toUnmodifiableMap(ChangeFeed::collection, k -> k));
    private static final MetadataFormat DUBLIN_CORE = MetadataFormat.metadataFormat(OaiMetadata.OAI_DC)
            .withNamespace(OaiMetadata.OAI_DC_NAMESPACE).withSchemaLocation(OaiMetadata.OAI_DC_SCHEMA)
            .withTransformer(MetadataFormat.identity());
    private static final OaiResumptionTokens TOKENS = new OaiResumptionTokens(
            java.util.Set.of(OaiMetadata.OAI_DC, OaiMetadata.MEMORIA), SETS.keySet());
    private static final SetRepository SET_REPOSITORY = new SetRepository() {
        @Override
        public boolean supportSets() {
            return true;
        }

        @Override
        public List<Set> getSets() {
            return OaiRecords.KINDS.stream().map(OaiPmh::set).toList();
        }

        @Override
        public boolean exists(String spec) {
            return SETS.containsKey(spec);
        }
    };

    @Inject
    OaiRecords records;
    @Inject
    OaiConfig config;
    @Inject
    ObjectMapper json;

    /**
     * The answer to one request, an OAI-PMH XML document (errors included, as the protocol has them).
     *
     * @param base the archive's base URL; the provider's is {@code <base>oai}
     * @param arguments the request's arguments, from its query or its form body
     */
    public String answer(URI base, Map<String, List<String>> arguments) {
        Instant earliest = records.earliestDatestamp().orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
        RepositoryConfiguration configuration = new RepositoryConfiguration.RepositoryConfigurationBuilder()
                .withRepositoryName(config.repositoryName()).withAdminEmail(config.adminEmail())
                .withBaseUrl(base.resolve("oai").toString()).withEarliestDate(earliest)
                .withDeleteMethod(DeletedRecord.PERSISTENT).withGranularity(Granularity.Second)
                .withMaxListIdentifiers(PAGE).withMaxListRecords(PAGE).withMaxListSets(PAGE)
                .withResumptionTokenFormat(TOKENS).withRequireFromAfterEarliest(false).build();
        Repository repository = new Repository(configuration).withItemRepository(new Items(base))
                .withSetRepository(SET_REPOSITORY);
        Context context = Context.context().withMetadataFormat(DUBLIN_CORE)
                .withMetadataFormat(MetadataFormat.metadataFormat(OaiMetadata.MEMORIA)
                        .withNamespace(OaiMetadata.MEMORIA_NAMESPACE)
                        .withSchemaLocation(OaiMetadata.memoriaSchema(base).toString())
                        .withTransformer(MetadataFormat.identity()));
        Map<String, String[]> parameters = withTimesForXoai(arguments, Instant.now()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toArray(String[]::new)));
        OAIPMH response = DataProvider.dataProvider(context, repository).handle(parameters);
        onlyTheTokenValue(response, arguments.containsKey("resumptionToken"));
        try {
            return XmlWriter.toString(response, configuration);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the OAI-PMH response", e);
        }
    }

    /**
     * From and until as xoai can take them. Given as days ({@code YYYY-MM-DD}, which the protocol requires a
     * repository to accept), they become the first and last second of those days: xoai reads them at the granularity
     * the repository declares (seconds). An until later than now becomes now: xoai refuses one in the future, and
     * nothing later can be harvested yet (a harvester asking until today gets what there is so far). Other forms, and
     * a day with a second (which the protocol forbids), go to xoai as they came, for it to refuse.
     */
    static Map<String, List<String>> withTimesForXoai(Map<String, List<String>> arguments, Instant now) {
        List<String> from = arguments.get("from");
        List<String> until = arguments.get("until");
        boolean fromDay = from != null && from.size() == 1 && DAY.matcher(from.get(0)).matches();
        boolean untilDay = until != null && until.size() == 1 && DAY.matcher(until.get(0)).matches();
        Map<String, List<String>> times = new java.util.HashMap<>(arguments);
        if ((fromDay || untilDay) && (from == null || fromDay) && (until == null || untilDay)) {
            if (fromDay) {
                times.put("from", List.of(from.get(0) + "T00:00:00Z"));
            }
            if (untilDay) {
                times.put("until", List.of(until.get(0) + "T23:59:59Z"));
            }
        }
        List<String> last = times.get("until");
        if (last != null && last.size() == 1 && SECOND.matcher(last.get(0)).matches()) {
            try {
                if (Instant.parse(last.get(0)).isAfter(now)) {
                    times.put("until", List.of(now.truncatedTo(ChronoUnit.SECONDS).toString()));
                }
            } catch (java.time.format.DateTimeParseException e) {
                // not a date: xoai answers badArgument
            }
        }
        return times;
    }

    /** The OAI identifier of an entity: {@code oai:<repository identifier>:<collection>/<uuid>}. */
    public String identifier(EntityKind kind, UUID id) {
        return "oai:" + config.repositoryIdentifier() + ":" + ChangeFeed.collection(kind) + "/" + id;
    }

    /**
     * A list's token as the protocol wants it: xoai adds a cursor and a list size computed from offsets, which here
     * are positions; so keep only the token itself. The last page of a resumed list ends with an empty token; a
     * list answered whole in its first response has none.
     */
    private static void onlyTheTokenValue(OAIPMH response, boolean resumed) {
        if (response.getVerb() instanceof ListRecords list) {
            list.withResumptionToken(token(list.getResumptionToken(), resumed));
        } else if (response.getVerb() instanceof ListIdentifiers list) {
            list.withResumptionToken(token(list.getResumptionToken(), resumed));
        }
    }

    private static ResumptionToken token(ResumptionToken given, boolean resumed) {
        if (given != null && !given.getValue().isEmpty()) {
            return new ResumptionToken(given.getValue());
        }
        return resumed ? new ResumptionToken() : null;
    }

    private static Set set(EntityKind kind) {
        String spec = ChangeFeed.collection(kind);
        return Set.set(spec).withName(switch (kind) {
            case PERSON -> "People";
            case ORGANISATION -> "Organisations";
            case EVENT -> "Events";
            case PLACE -> "Places";
            case SOURCE -> "Sources";
            default -> throw new IllegalArgumentException(kind + " is not harvested");
        });
    }

    /** One harvested record: header, and for a live entity its metadata. */
    private record Record(String getIdentifier, Instant getDatestamp, List<Set> getSets, boolean isDeleted,
            byte[] metadata) implements Item {

        @Override
        public Metadata getMetadata() {
            return Metadata.copyFromStream(new ByteArrayInputStream(metadata));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Record r && r.getIdentifier.equals(getIdentifier) && r.getDatestamp.equals(getDatestamp)
                    && r.isDeleted == isDeleted && Arrays.equals(r.metadata, metadata);
        }

        @Override
        public int hashCode() {
            return getIdentifier.hashCode();
        }

        @Override
        public String toString() {
            return getIdentifier;
        }
    }

    /** The archive as xoai reads it, for one request. */
    private final class Items implements ItemRepository {
        private final URI base;

        Items(URI base) {
            this.base = base;
        }

        @Override
        public ItemIdentifier getItemIdentifier(String identifier) throws IdDoesNotExistException {
            return record(find(identifier), null);
        }

        @Override
        public Item getItem(String identifier, MetadataFormat format) throws IdDoesNotExistException {
            return record(find(identifier), format);
        }

        @Override
        public ResultsPage<ItemIdentifier> getItemIdentifiers(List<ScopedFilter> filters, MetadataFormat format,
                int max, ResumptionToken.Value token) {
            return list(token, max, null);
        }

        @Override
        public ResultsPage<Item> getItems(List<ScopedFilter> filters, MetadataFormat format, int max,
                ResumptionToken.Value token) {
            return list(token, max, format);
        }

        /**
         * The page after the token's position. xoai makes the next token by adding the page's length to the offset
         * of the token it is given: so it is given one whose offset is the page's last position minus its length.
         */
        @SuppressWarnings("unchecked")
        private <T extends ItemIdentifier> ResultsPage<T> list(ResumptionToken.Value token, int max,
                MetadataFormat metadata) {
            List<EntityKind> kinds = token.hasSetSpec() ? List.of(SETS.get(token.getSetSpec())) : OaiRecords.KINDS;
            List<OaiRecords.Entry> entries = records.page(new OaiRecords.Selection(token.getOffset(), kinds,
                    token.getFrom(), token.getUntil()), max + 1);
            boolean more = entries.size() > max;
            List<OaiRecords.Entry> page = more ? entries.subList(0, max) : entries;
            long last = page.isEmpty() ? token.getOffset() : page.get(page.size() - 1).position();
            ResumptionToken.ValueBuilder shifted = new ResumptionToken.ValueBuilder()
                    .withOffset(last - page.size()).withMetadataPrefix(token.getMetadataPrefix());
            if (token.hasSetSpec()) {
                shifted.withSetSpec(token.getSetSpec());
            }
            if (token.hasFrom()) {
                shifted.withFrom(token.getFrom());
            }
            if (token.hasUntil()) {
                shifted.withUntil(token.getUntil());
            }
            List<T> items = page.stream().map(e -> (T) record(e, metadata)).toList();
            // xoai adds a token only when the "total" exceeds the page; the list's true size is not needed
            return new ResultsPage<>(shifted.build(), more, items, more ? items.size() + 1 : items.size());
        }

        private OaiRecords.Entry find(String identifier) throws IdDoesNotExistException {
            String prefix = "oai:" + config.repositoryIdentifier() + ":";
            if (identifier != null && identifier.startsWith(prefix)) {
                String local = identifier.substring(prefix.length());
                int slash = local.indexOf('/');
                EntityKind kind = slash < 0 ? null : SETS.get(local.substring(0, slash));
                Matcher uuid = UUID_TEXT.matcher(slash < 0 ? "" : local.substring(slash + 1));
                if (kind != null && uuid.matches()) {
                    Optional<OaiRecords.Entry> entry = records.entry(kind, UUID.fromString(uuid.group()));
                    if (entry.isPresent()) {
                        return entry.get();
                    }
                }
            }
            throw new IdDoesNotExistException("No record has the identifier " + identifier);
        }

        /** The record of an entry; its metadata in {@code format}, none for a header (null) or a deleted record. */
        private Record record(OaiRecords.Entry entry, MetadataFormat format) {
            byte[] metadata = format == null || entry.deleted() ? null
                    : format.getPrefix().equals(OaiMetadata.MEMORIA) ? OaiMetadata.memoria(entry, base, json)
                            : OaiMetadata.dublinCore(entry, base, json);
            return new Record(identifier(entry.kind(), entry.id()), entry.datestamp().truncatedTo(ChronoUnit.SECONDS),
                    List.of(set(entry.kind())), entry.deleted(), metadata);
        }
    }
}
