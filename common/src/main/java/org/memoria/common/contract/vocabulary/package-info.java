/** Managed vocabularies (SKOS concept schemes) that records' kinds, types and roles come from: docs/model.md. */
package org.memoria.common.contract.vocabulary;
