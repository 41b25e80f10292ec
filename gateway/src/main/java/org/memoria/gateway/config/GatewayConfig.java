package org.memoria.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "memoria.gateway")
public interface GatewayConfig {

    /**
     * Base URLs of the owning services, where writes are routed: one each (a Kubernetes Service), or a comma-separated
     * list of an owner's replicas, which the router takes in turn.
     */
    Owners owners();

    /** Consumer group of the projector; a new group id replays the topics from the start. */
    @WithDefault("memoria-gateway")
    String consumerGroup();

    /** Records applied per database transaction at most. */
    @WithDefault("1000")
    int maxBatch();

    /** Partitions of the owners' topics when the gateway has to create them (Kubernetes creates them with Strimzi). */
    @WithDefault("3")
    int topicPartitions();

    /** How writes are routed to the owners. */
    Router router();

    /** How the projector keeps its place in the consumer group, and when the gateway counts as caught up. */
    Projector projector();

    /** How the stored views (dossiers, events, sources, claims) are composed ahead of reads (docs/decisions/0022). */
    Views views();

    /** How this replica's search index follows the read model (docs/decisions/0020). */
    Search search();

    /** The timeline's pages this replica remembers (docs/decisions/0026). */
    Timeline timeline();

    interface Timeline {

        /**
         * How much of the timeline's pages, as JSON, this replica keeps for the read model's current state; the least
         * recently read go first. 0 keeps none: every read composes its page.
         */
        @WithDefault("8M")
        io.quarkus.runtime.configuration.MemorySize remembered();

        /**
         * How much of the timeline's calendar months this replica keeps for the read model's current state, each month
         * as all the events it holds, so that a window of a few months that starts and ends on any day is assembled from
         * them instead of read (docs/decisions/0026); the least recently read go first. 0 keeps none.
         */
        @WithDefault("32M")
        io.quarkus.runtime.configuration.MemorySize months();

        /** A month holding more events than this is not kept: a window over it is read from the read model. */
        @WithDefault("1000")
        int monthLimit();

        /** The most calendar months a window may touch to be assembled from the months kept. */
        @WithDefault("3")
        int monthsPerWindow();
    }

    interface Search {

        /**
         * Whether search is answered by this replica's in-process index; when false, or while the index is being
         * built, PostgreSQL's statements answer it (the same results).
         */
        @WithDefault("true")
        boolean index();

        /**
         * Changes a search applies to the index itself when the index is behind the read model it reads; a search
         * that finds the index further behind is answered by PostgreSQL while the index catches up.
         */
        @WithDefault("500")
        int catchUp();

        /**
         * How often the index looks for changes the projectors applied (of any replica) when no search asks. Searches
         * apply up to {@link #catchUp()} changes themselves, and one that finds the index further behind wakes it at
         * once, so this only bounds how long an idle replica's index trails the read model.
         */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Views {

        /**
         * How long one batch of the view composer may compose before it stores what it composed: the projector waits
         * for a batch in flight before it commits, so this bounds what composing adds to a change's propagation.
         */
        @WithDefault("20ms")
        Duration batchTime();

        /** Views one batch takes at most. */
        @WithDefault("64")
        int batchSize();

        /**
         * How often the composer looks for marked views when nothing wakes it: the projector of this replica wakes it
         * as it marks them; this is for those another replica's projector marked.
         */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Projector {

        /**
         * This gateway's static member id in the consumer group ({@code group.instance.id}): a gateway restarted under
         * the same id takes its partitions back at once instead of waiting for the dead member's session to expire.
         * Unique per replica; by default the host name and HTTP port (a Kubernetes pod's name is its host name).
         */
        Optional<String> instanceId();

        /** How long the group waits for a member that stopped heartbeating before giving its partitions to others. */
        @WithDefault("15s")
        Duration sessionTimeout();

        /** Records the projector may be behind the owners' topics while the gateway still reports ready. */
        @WithDefault("1000")
        long readyLag();

        /** How long without a poll of the broker before the projector counts as stalled (not ready). */
        @WithDefault("30s")
        Duration stallAfter();
    }

    interface Router {

        /** How long connecting to an owner may take; past it the write is answered 503 (nothing was written). */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long an owner may take to answer; past it the write is answered 504 (it may have been applied). */
        @WithDefault("15s")
        Duration requestTimeout();
    }

    interface Owners {
        List<URI> people();

        List<URI> events();

        List<URI> sources();
    }
}
