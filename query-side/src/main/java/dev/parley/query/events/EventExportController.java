package dev.parley.query.events;

import dev.parley.platform.ratelimit.LimitedRoute;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/events}: the event history for analysts, as NDJSON (admins only, by the platform's
 * security). The parameters are checked before the first byte, so a bad request is a 400 problem; after
 * that the answer is 200 and streams.
 */
@RestController
class EventExportController {

    static final String NDJSON = "application/x-ndjson";

    private final EventHistory history;

    EventExportController(EventHistory history) {
        this.history = history;
    }

    /*
     * Written on the request's own thread rather than through StreamingResponseBody: an async answer is
     * cut off by the servlet container's async timeout (30 s by default), and a filtered scan over a
     * long history may take longer than that to fill a page. Either way one thread and one connection
     * are held while it streams.
     */
    @GetMapping("/admin/events")
    @LimitedRoute("admin-event-exports")
    void events(@RequestParam(name = "afterIndex", required = false) Long afterIndex,
                @RequestParam(name = "aggregateId", required = false) String aggregateId,
                @RequestParam(name = "type", required = false) String type,
                @RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "to", required = false) String to,
                @RequestParam(name = "limit", required = false) Integer limit,
                HttpServletResponse response) throws IOException {
        EventFilter filter = EventFilter.of(afterIndex, aggregateId, type, from, to, limit);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        history.export(filter, response.getOutputStream());
    }
}
