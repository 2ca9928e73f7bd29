package dev.ondine.samples.status;

import java.util.List;

/**
 * What the feed sends a page: {@code "history"} once on connecting (the recent past, oldest
 * first, at most {@link StatusFeed#HISTORY_SAMPLES}), then {@code "sample"} with one new
 * sample each second.
 */
public record StatusUpdate(String type, List<StatusSample> samples) {
    static final String HISTORY = "history";
    static final String SAMPLE = "sample";
}
