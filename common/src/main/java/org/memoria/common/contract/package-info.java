/**
 * The platform's contracts, kept once: what clients write to the owners (the {@code *Input} records, also
 * re-exposed by the gateway) and what the owners publish on their topics (the {@code *State} records, consumed by
 * the gateway). See docs/decisions/0001-contracts-in-common.md.
 */
package org.memoria.common.contract;
