package dev.parley.query.projection;

import dev.parley.kernel.InvalidInput;
import dev.parley.platform.ratelimit.LimitedRoute;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin routes over the read models' processors: their status, and replaying one from the start. */
@RestController
class ProjectionsController {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final ProjectionControl control;

    ProjectionsController(ProjectionControl control) {
        this.control = control;
    }

    @GetMapping("/admin/projections")
    @LimitedRoute("admin-reads")
    Map<String, List<ProjectionStatus>> projections() {
        return Map.of("projections", control.statuses());
    }

    /**
     * 202: the projections nodes pick the request up within a second or two; {@code GET /admin/projections}
     * then shows the replay's progress. The read model keeps serving its rows while it is rebuilt.
     */
    @PostMapping("/admin/projections/{name}/replay")
    @LimitedRoute("admin-replays")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable("name") String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInput("not a read model name: " + name);
        }
        control.requestReplay(name);
        return Map.of("name", name, "state", "requested");
    }
}
