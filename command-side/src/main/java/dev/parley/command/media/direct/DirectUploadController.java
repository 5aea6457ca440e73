package dev.parley.command.media.direct;

import dev.parley.kernel.Ids;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.ServedMedia;
import dev.parley.platform.ratelimit.LimitedRoute;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Large files straight to the object store: {@code POST /api/media/uploads} hands out a presigned PUT, and
 * {@code POST /api/media/uploads/{id}/complete} turns what was PUT into media.
 */
@RestController
class DirectUploadController {

    private final DirectUploadRequests requests;
    private final DirectUploadCompletion completion;

    DirectUploadController(DirectUploadRequests requests, DirectUploadCompletion completion) {
        this.requests = requests;
        this.completion = completion;
    }

    @PostMapping(path = "/api/media/uploads", consumes = MediaType.APPLICATION_JSON_VALUE)
    @LimitedRoute("media-uploads")
    @ResponseStatus(HttpStatus.CREATED)
    UploadTicket request(@AuthenticationPrincipal Jwt token, @RequestBody DeclaredUpload declared) {
        return requests.request(new UserId(token.getSubject()), declared);
    }

    /** {@code 201} with the media each time: completing again (a retry after a lost answer) changes nothing. */
    @PostMapping("/api/media/uploads/{uploadId}/complete")
    @LimitedRoute("media-uploads")
    @ResponseStatus(HttpStatus.CREATED)
    ServedMedia complete(@AuthenticationPrincipal Jwt token, @PathVariable("uploadId") String uploadId) {
        InvalidInput.requireLength("uploadId", uploadId, 1, Ids.MAX_LENGTH);
        return completion.complete(new UserId(token.getSubject()), uploadId);
    }
}
