package dev.ondine.samples.status;

import org.junit.jupiter.api.Test;

import static dev.ondine.samples.status.PageState.Action.DROP;
import static dev.ondine.samples.status.PageState.Action.SEND;
import static dev.ondine.samples.status.PageState.Action.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A page that cannot keep up: its samples are skipped while one is on its way, and it is dropped in the end. */
class PageStateTest {

    @Test
    void oneSendAtATimeSkipsWhileOneIsOnItsWay() {
        PageState page = new PageState(5);
        assertEquals(SEND, page.next());
        assertEquals(SKIP, page.next());
        assertEquals(SKIP, page.next());
        page.sent();
        assertEquals(SEND, page.next());
        page.sent();
        assertEquals(SEND, page.next());
    }

    @Test
    void aPageThatTakesNothingForMaxSkippedTicksIsDropped() {
        PageState page = new PageState(3);
        page.sending(); // the history, never taken
        assertEquals(SKIP, page.next());
        assertEquals(SKIP, page.next());
        assertEquals(DROP, page.next());
    }

    @Test
    void aCompletedSendStartsTheCountAgain() {
        PageState page = new PageState(3);
        assertEquals(SEND, page.next());
        assertEquals(SKIP, page.next());
        assertEquals(SKIP, page.next());
        page.sent();
        assertEquals(SEND, page.next());
        assertEquals(SKIP, page.next());
        assertEquals(SKIP, page.next());
        assertEquals(DROP, page.next());
    }
}
