package com.bbossiregi.timedeal.api.audit;

/**
 * A dead-letter sequence an admin dropped.
 *
 * @param group              the processing group
 * @param sequenceIdentifier the sequence dropped
 * @param evicted            how many letters it had
 */
public record DeadLetterEviction(String group, String sequenceIdentifier, long evicted) {
}
